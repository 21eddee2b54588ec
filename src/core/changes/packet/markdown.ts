// The CAB packet as Markdown to paste into a ticket: the same sections as the HTML page, the
// services as a table, without the picture.
import { IMPACT_LEVELS } from '../../../shared/impact-types';
import { LEVEL_LABELS } from './colours';
import { escapeMarkdown as md } from './escape';
import type { CabPacket } from './model';
import { impactTotalText, moreText, packetTitle, pathText, windowText } from './wording';

const tableOf = (headers: readonly string[], rows: readonly (readonly string[])[]) =>
  [`| ${headers.join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export function packetMarkdown(p: CabPacket): string {
  const c = p.change;
  const out: string[] = [`## CAB packet: ${md(packetTitle(p))}`, '', `Generated ${p.generatedAt} by Faultline.`, ''];
  out.push(
    `- **Type:** ${md(c.type)}`,
    `- **State:** ${md(c.state)}`,
    `- **Planned window:** ${md(windowText(c.window))}`,
    `- **Implementer:** ${md(c.implementer || '(none)')}`,
    `- **Targets:** ${c.targets.length === 0 ? '(none)' : c.targets.map((t) => `${md(t.name)} (${t.mode})`).join(', ')}`,
    `- **CMDB state:** \`${p.cmdbState.hash}\` (${p.cmdbState.source === 'snapshot' ? 'impact snapshot' : 'current CMDB, no snapshot'})`,
    '',
    md(p.cmdbState.note),
    '',
  );
  if (c.description) out.push('### Description', '', md(c.description), '');
  if (c.rollbackPlan) out.push('### Rollback plan', '', md(c.rollbackPlan), '');

  out.push(`### Risk: ${p.risk.band.replace('_', ' ')} (${p.risk.score})`, '');
  out.push(tableOf(['Factor', 'What was counted', 'Points'], p.risk.factors.map((f) => [md(f.label), md(f.detail), `${f.points}`])), '');

  out.push('### Conflicts', '');
  out.push(p.conflicts.length === 0 ? 'No conflicts.' : p.conflicts.map((x) => `- **${x.kind.replace(/_/g, ' ')}** (${x.severity}): ${md(x.reason)}`).join('\n'), '');

  out.push('### Impacted services', '', md(impactTotalText(p)), '');
  if (p.services.items.length === 0) out.push('No service impacted.', '');
  else {
    out.push(tableOf(['Service', 'Level', 'Criticality', 'Path'], p.services.items.map((s) => [md(s.name), LEVEL_LABELS[s.level], `${s.criticality}`, md(pathText(s.path))])), '');
    if (p.services.more > 0) out.push(moreText(p.services.more, 'services'), '');
  }

  out.push('### Impacted CIs', '');
  const levels = IMPACT_LEVELS.filter((level) => p.impacted[level].items.length > 0);
  if (levels.length === 0) out.push('No CI impacted.', '');
  for (const level of levels) {
    const { items, more } = p.impacted[level];
    out.push(`- **${LEVEL_LABELS[level]} (${p.byLevel[level]}):** ${items.map((x) => md(x.name)).join(', ')}${more > 0 ? `, ${moreText(more, 'CIs')}` : ''}`);
  }
  out.push('');
  if (c.votes.length > 0) {
    out.push('### CAB votes', '', tableOf(['When', 'Who', 'Vote', 'Comment'], c.votes.map((v) => [v.at, md(v.actor), v.vote, md(v.text)])), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
