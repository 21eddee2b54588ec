// The CAB packet as one self-contained HTML page: inline CSS and the inline impact picture, no
// script, no external URL, laid out to print (the PDF is this page printed by Chromium).
import { IMPACT_LEVELS } from '../../../shared/impact-types';
import { LEVEL_COLOURS, LEVEL_LABELS } from './colours';
import { escapeXml as esc } from './escape';
import type { CabPacket } from './model';
import { impactPictureSvg } from './svg';
import { impactTotalText, moreText, packetTitle, pathText, pictureTitle, windowText } from './wording';

const CSS = `
body { font-family: Helvetica, Arial, sans-serif; font-size: 13px; color: #111827; margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 15px; margin: 20px 0 6px; border-bottom: 1px solid #d1d5db; padding-bottom: 2px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { border: 1px solid #d1d5db; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
td.num { text-align: right; white-space: nowrap; }
.meta { color: #4b5563; margin: 0 0 12px; }
.level { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; }
.note { color: #4b5563; }
.picture svg { max-width: 100%; height: auto; }
pre { white-space: pre-wrap; font-family: inherit; margin: 0; }
.picture, tr { break-inside: avoid-page; }
@media print { body { margin: 0; } h2, h3 { break-after: avoid-page; } .picture { break-before: page; } .picture svg { max-height: 9in; } }
`;

function levelBadge(level: keyof typeof LEVEL_COLOURS): string {
  const c = LEVEL_COLOURS[level];
  return `<span class="level" style="background:${c.fill};color:${c.text}">${LEVEL_LABELS[level]}</span>`;
}

const row = (cells: readonly string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
const table = (headers: readonly string[], rows: readonly string[]) => `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
const more = (n: number, what: string) => (n > 0 ? `<p class="note">${esc(moreText(n, what))}</p>` : '');

function changeSection(p: CabPacket): string {
  const c = p.change;
  const fields: [string, string][] = [
    ['Type', esc(c.type)],
    ['State', esc(c.state)],
    ['Planned window', esc(windowText(c.window))],
    ['Implementer', esc(c.implementer || '(none)')],
    ['Targets', c.targets.length === 0 ? '(none)' : c.targets.map((t) => `${esc(t.name)} (${esc(t.mode)})`).join(', ')],
    ['Description', `<pre>${esc(c.description || '(none)')}</pre>`],
    ['Rollback plan', `<pre>${esc(c.rollbackPlan || '(none)')}</pre>`],
  ];
  return `<section><h2>Change</h2><table><tbody>${fields.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</tbody></table></section>`;
}

function impactSections(p: CabPacket): string {
  const services =
    p.services.items.length === 0
      ? '<p>No service impacted.</p>'
      : table(
          ['Service', 'Level', 'Criticality', 'Path'],
          p.services.items.map((s) => row([esc(s.name), levelBadge(s.level), `${s.criticality}`, esc(pathText(s.path))])),
        ) + more(p.services.more, 'services');
  const cis = IMPACT_LEVELS.filter((level) => p.impacted[level].items.length > 0)
    .map((level) => `<h3>${levelBadge(level)} ${p.byLevel[level]}</h3><p>${p.impacted[level].items.map((c) => esc(c.name)).join(', ')}</p>${more(p.impacted[level].more, 'CIs')}`)
    .join('');
  return (
    `<section><h2>Impacted services</h2><p>${esc(impactTotalText(p))}</p>${services}</section>` +
    `<section><h2>Impacted CIs</h2>${cis || '<p>No CI impacted.</p>'}</section>`
  );
}

function riskSection(p: CabPacket): string {
  const rows = p.risk.factors.map((f) => `<tr><td>${esc(f.label)}</td><td>${esc(f.detail)}</td><td class="num">${f.points}</td></tr>`);
  rows.push(`<tr><th colspan="2">Score</th><th class="num">${p.risk.score}</th></tr>`);
  return `<section><h2>Risk: ${esc(p.risk.band.replace('_', ' '))} (${p.risk.score})</h2>${table(['Factor', 'What was counted', 'Points'], rows)}</section>`;
}

function conflictsSection(p: CabPacket): string {
  const body = p.conflicts.length === 0 ? '<p>No conflicts.</p>' : table(['Kind', 'Severity', 'Reason'], p.conflicts.map((c) => row([esc(c.kind.replace(/_/g, ' ')), esc(c.severity), esc(c.reason)])));
  return `<section><h2>Conflicts</h2>${body}</section>`;
}

function votesSection(p: CabPacket): string {
  if (p.change.votes.length === 0) return '';
  return `<section><h2>CAB votes</h2>${table(['When', 'Who', 'Vote', 'Comment'], p.change.votes.map((v) => row([esc(v.at), esc(v.actor), esc(v.vote), esc(v.text)])))}</section>`;
}

export function packetHtml(p: CabPacket): string {
  const title = packetTitle(p);
  const state = p.cmdbState;
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(`CAB packet ${title}`)}</title><style>${CSS}</style></head><body>` +
    `<h1>${esc(title)}</h1><p class="meta">CAB packet generated ${esc(p.generatedAt)} by Faultline</p>` +
    changeSection(p) +
    `<section><h2>CMDB state</h2><p>Identifier <code>${esc(state.hash)}</code> (${state.source === 'snapshot' ? 'impact snapshot' : 'current CMDB, no snapshot'})</p><p class="note">${esc(state.note)}</p></section>` +
    riskSection(p) +
    conflictsSection(p) +
    impactSections(p) +
    `<section class="picture"><h2>Impact graph</h2>${impactPictureSvg(p.picture, pictureTitle(p), { standalone: false })}</section>` +
    votesSection(p) +
    `</body></html>\n`
  );
}
