// The side panel of a change simulation (in place of the inspector): targets and their modes,
// counts per level and class, impacted services ranked with their explanation paths, redundancy
// groups, single points of failure, and the Dependencies toggle (what a CI stands on).
import { useEffect, useMemo, useRef, useState } from 'react';
import { downloadBlob, fileStamp } from '../data/download';
import { impactToCsv, impactToMarkdown } from './impact-export';
import { explanationPath, impactedList, impactIndex, type BlastRadiusResult, type Explanation, type ImpactLevel, type ImpactedCi } from '../../shared/impact-types';
import { ClassIcon } from '../components/ClassIcon';
import { GrowingList } from '../components/GrowingList';
import { stepEnds, type PathReading } from '../../shared/failure-direction';
import { classLabel, relationshipVerb } from '../graph/class-style';
import { useDataStore } from '../state/data-store';
import { primarySelection, useViewStore } from '../state/view-store';
import { LEVEL_LABELS, impactCounts, isServiceClass, rankImpacted, rankServices, redundancyRows } from './impact-model';
import { SaveAsChangeButton } from '../changes/SaveAsChangeButton';
import { useImpactStore } from './impact-store';
import { GROUP_PREFIX } from './roll-up';
import './impact.css';

const LIST_LIMIT = 300;

export function LevelBadge({ level }: { level: ImpactLevel }) {
  return (
    <span className={`impact-badge level-${level}`} data-testid="level-badge">
      {LEVEL_LABELS[level]}
    </span>
  );
}

/**
 * An explanation path, CI by CI, in the order it was walked. Between two CIs: an arrow showing
 * which way the failure travels, and the relationship read as a sentence in its own direction
 * ("Order API depends on orders-db primary"), whichever way the path runs.
 */
function PathChain({ explanation, names, reading }: { explanation: Explanation; names: (id: string) => string; reading: PathReading }) {
  const arrow = reading === 'failure' ? '↓' : '↑';
  const arrowTitle = reading === 'failure' ? 'The failure travels down this path' : 'A failure would travel up this path';
  return (
    <ol className="impact-path" data-testid="impact-path" data-reading={reading}>
      {explanation.path.map((id, i) => {
        const step = i > 0 ? explanation.steps[i - 1] : null;
        const ends = step ? stepEnds(step, reading) : null;
        return (
          <li key={id} data-ci-id={id}>
            {step && ends && (
              <span className="impact-path-step">
                <span className="impact-path-arrow" title={arrowTitle} aria-hidden="true">
                  {arrow}
                </span>
                <span data-testid="impact-path-sentence">
                  {names(ends.source)} {relationshipVerb(step.type)} {names(ends.target)}
                  {step.strength === 'soft' ? ' (soft)' : ''}
                </span>
              </span>
            )}
            <span className="impact-path-name">{names(id)}</span>
          </li>
        );
      })}
    </ol>
  );
}

function useNames(): (id: string) => string {
  const result = useImpactStore((s) => s.result);
  const deps = useImpactStore((s) => s.dependencies);
  const spof = useImpactStore((s) => s.spof);
  const simView = useImpactStore((s) => s.view);
  const exploreView = useDataStore((s) => s.view);
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const n of exploreView?.nodes ?? []) names.set(n.id, n.name);
    for (const n of simView?.nodes ?? []) names.set(n.id, n.name);
    for (const t of result?.targets ?? []) names.set(t.ciId, t.name);
    for (const page of result?.impacted.pages ?? []) page.id.forEach((id, j) => names.set(id, page.name[j]));
    for (const d of deps?.dependencies ?? []) names.set(d.id, d.name);
    for (const s of spof?.singlePointsOfFailure ?? []) names.set(s.id, s.name);
    return (id: string) => names.get(id) ?? id;
  }, [result, deps, spof, simView, exploreView]);
}

function Targets() {
  const targets = useImpactStore((s) => s.targets);
  const setTargetMode = useImpactStore((s) => s.setTargetMode);
  const removeTarget = useImpactStore((s) => s.removeTarget);
  const names = useNames();
  return (
    <section className="panel-section">
      <h3>Change targets</h3>
      <div className="stack" style={{ gap: 6 }}>
        {targets.map((t) => (
          <div key={t.ciId} className="impact-target-row" data-testid="impact-target" data-ci-id={t.ciId}>
            <span className="impact-target-name" title={t.ciId}>
              {names(t.ciId)}
            </span>
            <span className="segmented" role="group" aria-label={`Assumed failure of ${names(t.ciId)}`}>
              {(['down', 'degraded'] as const).map((mode) => (
                <button
                  key={mode}
                  type="button"
                  aria-pressed={t.mode === mode}
                  data-testid={`impact-mode-${mode}`}
                  onClick={() => void setTargetMode(t.ciId, mode)}
                >
                  {mode === 'down' ? 'Down' : 'Degraded'}
                </button>
              ))}
            </span>
            {targets.length > 1 && (
              <button type="button" className="link" title="Remove this target" aria-label={`Remove ${names(t.ciId)}`} onClick={() => void removeTarget(t.ciId)}>
                ✕
              </button>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}

function ImpactRow({ ci, chosen, onChoose, testId }: { ci: ImpactedCi; chosen: boolean; onChoose(): void; testId: string }) {
  return (
    <button
      type="button"
      className={`impact-row${chosen ? ' chosen' : ''}`}
      aria-pressed={chosen}
      data-testid={testId}
      data-ci-id={ci.id}
      data-level={ci.level}
      onClick={onChoose}
      title={`${ci.name} · ${classLabel(ci.class)} · ${ci.depth} hop${ci.depth === 1 ? '' : 's'} from a target`}
    >
      <LevelBadge level={ci.level} />
      <span className="impact-row-name">{ci.name}</span>
      {ci.redundancy && <span className="impact-redundancy-chip">{ci.redundancy.text}</span>}
      <span className={`crit-badge crit-${ci.criticality}`} title={`Criticality ${ci.criticality}`}>
        {ci.criticality}
      </span>
    </button>
  );
}

/** The groups of a rolled-up blast radius, each expandable to its members on the graph. */
function RollUpSection() {
  const rollUp = useImpactStore((s) => s.rollUp);
  const expanded = useImpactStore((s) => s.expandedGroups);
  const toggleGroup = useImpactStore((s) => s.toggleGroup);
  if (!rollUp) return null;
  const shown = new Set(rollUp.groups.map((g) => g.id));
  // Expanded groups whose members are all drawn alone have no node left, but can still fold back.
  const folded = expanded.filter((id) => !shown.has(id));
  return (
    <section className="panel-section" data-testid="rollup-section">
      <h3>Drawn as groups by class</h3>
      <p className="faint" style={{ margin: '0 0 6px' }}>
        Too many CIs to draw one by one: the targets and the most critical services are drawn alone, the rest by class. Click a group (here or on the graph) to
        draw its members.
      </p>
      <div className="impact-list">
        {rollUp.groups.map((g) => (
          <button
            key={g.id}
            type="button"
            className="impact-row"
            data-testid="rollup-group"
            data-group-id={g.id}
            aria-pressed={expanded.includes(g.id)}
            title={`${g.byLevel.down} down, ${g.byLevel.degraded} degraded, ${g.byLevel.at_risk} at risk`}
            onClick={() => void toggleGroup(g.id)}
          >
            <LevelBadge level={g.worst} />
            <ClassIcon ciClass={g.ciClass} small />
            <span className="impact-row-name">{g.label}</span>
            <span className="faint">{expanded.includes(g.id) ? `+${g.expandedMembers} drawn · fold` : 'expand'}</span>
          </button>
        ))}
        {folded.map((id) => (
          <button key={id} type="button" className="impact-row" data-testid="rollup-group" data-group-id={id} aria-pressed onClick={() => void toggleGroup(id)}>
            <span className="impact-row-name">{classLabel(id.slice(GROUP_PREFIX.length))}: all drawn</span>
            <span className="faint">fold</span>
          </button>
        ))}
      </div>
    </section>
  );
}

function SpofSection() {
  const spof = useImpactStore((s) => s.spof);
  const clearSpof = useImpactStore((s) => s.clearSpof);
  const names = useNames();
  if (!spof) return null;
  return (
    <section className="panel-section" data-testid="spof-section">
      <h3>
        <span>
          SPOFs of {names(spof.serviceId)} ({spof.singlePointsOfFailure.length})
        </span>
        <button type="button" className="link" data-testid="spof-clear" onClick={clearSpof}>
          Clear
        </button>
      </h3>
      <p className="faint" style={{ margin: '0 0 6px' }}>
        Each of these alone takes the service down (redundancy respected).
      </p>
      <div className="impact-list">
        {spof.singlePointsOfFailure.map((s) => (
          <div key={s.id} className="impact-row static" data-testid="spof-row" data-ci-id={s.id}>
            <ClassIcon ciClass={s.class} small />
            <span className="impact-row-name">{s.name}</span>
            <span className="faint">{s.path.length - 1} hop{s.path.length === 2 ? '' : 's'}</span>
          </div>
        ))}
      </div>
    </section>
  );
}

/** Hand the blast radius on: a CSV of every impacted CI with its path, a Markdown summary to paste, the page printed. */
function HandOn({ result }: { result: BlastRadiusResult }) {
  const documentName = useDataStore((s) => s.info?.title ?? 'CMDB');
  const [copied, setCopied] = useState<string | null>(null);
  const markdown = () => impactToMarkdown(result, { document: documentName, date: new Date() });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(markdown());
      setCopied('Summary copied (Markdown).');
    } catch {
      // No clipboard (permission refused): the same summary as a file.
      downloadBlob(`blast-radius-${fileStamp()}.md`, new Blob([markdown()], { type: 'text/markdown' }));
      setCopied('No clipboard access: the summary was saved as a Markdown file.');
    }
  };
  return (
    <div className="row wrap impact-hand-on" style={{ gap: 6, marginTop: 8 }}>
      <button
        type="button"
        className="btn btn-small"
        data-testid="impact-export-csv"
        title="Every impacted CI with its level and explanation path"
        onClick={() => downloadBlob(`blast-radius-${fileStamp()}.csv`, new Blob([impactToCsv(result)], { type: 'text/csv' }))}
      >
        Export CSV
      </button>
      <button type="button" className="btn btn-small" data-testid="impact-copy" title="Targets, counts and impacted services with their paths, as Markdown" onClick={() => void copy()}>
        Copy summary
      </button>
      <button type="button" className="btn btn-small" data-testid="impact-print" title="Print the graph and this panel" onClick={() => window.print()}>
        Print
      </button>
      {copied && (
        <span className="faint" role="status" data-testid="impact-copied">
          {copied}
        </span>
      )}
    </div>
  );
}

function BlastRadius() {
  const result = useImpactStore((s) => s.result);
  const chosenId = useImpactStore((s) => s.chosenId);
  const choose = useImpactStore((s) => s.choose);
  const showSpof = useImpactStore((s) => s.showSpof);
  const names = useNames();
  const index = useMemo(() => (result ? impactIndex(result) : null), [result]);
  const services = useMemo(() => (result ? rankServices(result.services) : []), [result]);
  const all = useMemo(() => (result ? rankImpacted(impactedList(result.impacted)) : []), [result]);
  const groups = useMemo(() => (result ? redundancyRows(result) : []), [result]);
  const listed = useMemo(() => all.slice(0, LIST_LIMIT), [all]);
  if (!result || !index) return <SpofSection />;
  const counts = impactCounts(result);
  const explanation = chosenId ? explanationPath(index, chosenId) : null;
  const chosenService = services.find((s) => s.id === chosenId);

  const detail = (id: string) =>
    chosenId === id && explanation ? (
      <div className="impact-detail">
        <PathChain explanation={explanation} names={names} reading="failure" />
        {chosenService?.id === id && (
          <button type="button" className="btn btn-small" data-testid="spof-button" onClick={() => void showSpof(id)}>
            Single points of failure
          </button>
        )}
      </div>
    ) : null;

  return (
    <>
      <section className="panel-section" data-testid="impact-counts">
        <h3>
          Blast radius <span className="faint">{result.elapsedMs.toFixed(1)} ms</span>
        </h3>
        <div className="impact-counts">
          {counts.byLevel.map(({ level, count }) => (
            <span key={level} className={`impact-count level-${level}`} data-testid={`impact-count-${level}`}>
              <strong>{count}</strong> {LEVEL_LABELS[level].toLowerCase()}
            </span>
          ))}
        </div>
        <p className="muted" style={{ margin: '6px 0 4px' }} data-testid="impact-total">
          {counts.total === 0 ? 'Nothing else is impacted.' : `${counts.total} CI${counts.total === 1 ? '' : 's'} impacted`}
        </p>
        {counts.byClass.length > 0 && (
          <div className="impact-classes" data-testid="impact-classes">
            {counts.byClass.map(({ ciClass, count }) => (
              <span key={ciClass} className="impact-class" data-testid={`impact-class-${ciClass}`}>
                <ClassIcon ciClass={ciClass} small /> {classLabel(ciClass)} <strong>{count}</strong>
              </span>
            ))}
          </div>
        )}
        <HandOn result={result} />
      </section>

      <RollUpSection />

      <SpofSection />

      <section className="panel-section">
        <h3>Impacted services ({services.length})</h3>
        {services.length === 0 && <p className="muted">No business or technical service is impacted.</p>}
        <div className="impact-list" data-testid="impact-services">
          <GrowingList
            items={services}
            keyOf={(s) => s.id}
            row={(s) => (
              <div>
                <ImpactRow ci={s} chosen={chosenId === s.id} onChoose={() => choose(s.id)} testId="impact-service" />
                {detail(s.id)}
              </div>
            )}
          />
        </div>
      </section>

      {groups.length > 0 && (
        <section className="panel-section">
          <h3>Redundancy groups</h3>
          <div className="impact-list">
            <GrowingList
              items={groups}
              keyOf={(g) => g.id}
              row={(g) => (
                <div className="impact-group" data-testid="impact-redundancy" data-ci-id={g.id} data-level={g.level}>
                  <LevelBadge level={g.level} />
                  <span className="impact-row-name">{g.name}</span>
                  <span className="impact-group-text">{g.redundancy?.text}</span>
                </div>
              )}
            />
          </div>
        </section>
      )}

      <section className="panel-section">
        <details>
          <summary className="impact-summary">All impacted CIs ({all.length})</summary>
          <div className="impact-list" data-testid="impact-all">
            <GrowingList
              items={listed}
              keyOf={(c) => c.id}
              row={(c) => (
                <div>
                  <ImpactRow ci={c} chosen={chosenId === c.id} onChoose={() => choose(c.id)} testId="impact-ci" />
                  {!isServiceClass(c.class) && detail(c.id)}
                </div>
              )}
            />
            {all.length > LIST_LIMIT && <p className="faint">…and {all.length - LIST_LIMIT} more (most severe and nearest listed first).</p>}
          </div>
        </details>
      </section>
    </>
  );
}

function Dependencies() {
  const deps = useImpactStore((s) => s.dependencies);
  const chosenId = useImpactStore((s) => s.chosenId);
  const choose = useImpactStore((s) => s.choose);
  const showTab = useImpactStore((s) => s.showTab);
  const primary = useViewStore(primarySelection);
  const names = useNames();
  const sorted = useMemo(
    () => (deps ? [...deps.dependencies].sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name, 'en')) : []),
    [deps],
  );
  const explanation = useMemo(() => (deps && chosenId ? explanationPath(deps, chosenId) : null), [deps, chosenId]);
  if (!deps) return null;
  return (
    <section className="panel-section" data-testid="dependencies">
      <h3>What {names(deps.ciId)} stands on ({sorted.length})</h3>
      {primary && primary !== deps.ciId && (
        <button type="button" className="btn btn-small" data-testid="dependencies-of-selection" onClick={() => void showTab('dependencies', primary)}>
          Show for {names(primary)}
        </button>
      )}
      {sorted.length === 0 && <p className="muted">It depends on nothing else in the CMDB.</p>}
      <div className="impact-list" style={{ marginTop: 6 }}>
        {sorted.slice(0, LIST_LIMIT).map((d) => (
          <div key={d.id}>
            <button
              type="button"
              className={`impact-row${chosenId === d.id ? ' chosen' : ''}`}
              aria-pressed={chosenId === d.id}
              data-testid="dependency-row"
              data-ci-id={d.id}
              onClick={() => choose(d.id)}
            >
              <ClassIcon ciClass={d.class} small />
              <span className="impact-row-name">{d.name}</span>
              <span className="faint">
                {d.depth} hop{d.depth === 1 ? '' : 's'}
              </span>
            </button>
            {chosenId === d.id && explanation && (
              <div className="impact-detail">
                <PathChain explanation={explanation} names={names} reading="dependency" />
              </div>
            )}
          </div>
        ))}
        {sorted.length > LIST_LIMIT && <p className="faint">…and {sorted.length - LIST_LIMIT} more (nearest listed first).</p>}
      </div>
    </section>
  );
}

export function ImpactPanel() {
  const tab = useImpactStore((s) => s.tab);
  const scope = useImpactStore((s) => s.scope);
  const loading = useImpactStore((s) => s.loading);
  const error = useImpactStore((s) => s.error);
  const view = useImpactStore((s) => s.view);
  const exit = useImpactStore((s) => s.exit);
  const showTab = useImpactStore((s) => s.showTab);
  const setScope = useImpactStore((s) => s.setScope);
  const refresh = useImpactStore((s) => s.refresh);
  const primary = useViewStore(primarySelection);
  const revision = useDataStore((s) => s.info?.revision ?? null);
  const spof = useImpactStore((s) => s.spof);
  // Dependencies or SPOFs asked for from Explore: nothing is assumed to change.
  const noChange = useImpactStore((s) => s.targets.length === 0);
  const heading = !noChange ? 'Change simulation' : tab === 'dependencies' ? 'Dependencies' : spof ? 'Single points of failure' : 'Impact';

  // An edit elsewhere (another window, undo) changed the CMDB: compute the simulation again. Not on
  // mounting: what opened the panel is computing already (a refresh would supersede it).
  const shownRevision = useRef(revision);
  useEffect(() => {
    if (revision === null || revision === shownRevision.current) return;
    shownRevision.current = revision;
    void refresh();
  }, [revision, refresh]);

  return (
    <aside className="panel panel-right impact-panel" aria-label={heading} data-testid="impact-panel">
      <section className="panel-section impact-head">
        <div className="row">
          <h2 style={{ margin: 0 }}>{heading}</h2>
          <span className="spacer" />
          <button type="button" className="btn btn-small" data-testid="impact-exit" title={`Back to Explore (Esc)`} onClick={exit}>
            {noChange ? 'Close' : 'Exit simulation'}
          </button>
        </div>
        <p className="faint" style={{ margin: '4px 0 0' }}>
          A view, not an edit: nothing is saved until you save it as a change request. {loading && <span data-testid="impact-loading">Computing…</span>}
        </p>
        {!noChange && <SaveAsChangeButton />}
        {error && (
          <p className="field-error" role="alert" data-testid="impact-error">
            {error}
          </p>
        )}
      </section>
      {!noChange && <Targets />}
      <section className="panel-section stack" style={{ gap: 8 }}>
        <div className="row">
          <span className="segmented" role="group" aria-label="What to show">
            <button
              type="button"
              aria-pressed={tab === 'impact'}
              data-testid="impact-tab-impact"
              disabled={noChange && !spof}
              title={noChange ? 'Simulate a change (Simulate change in the toolbar) to see its blast radius' : undefined}
              onClick={() => void showTab('impact')}
            >
              Blast radius
            </button>
            <button
              type="button"
              aria-pressed={tab === 'dependencies'}
              data-testid="impact-tab-dependencies"
              title="What the selected CI stands on (upstream)"
              onClick={() => void showTab('dependencies', primary)}
            >
              Dependencies
            </button>
          </span>
        </div>
        <div className="row">
          <span className="muted">Graph</span>
          <span className="segmented" role="group" aria-label="Graph scope">
            <button type="button" aria-pressed={scope === 'whole'} data-testid="impact-scope-whole" onClick={() => void setScope('whole')}>
              Whole view
            </button>
            <button type="button" aria-pressed={scope === 'impact'} data-testid="impact-scope-impact" onClick={() => void setScope('impact')}>
              Impact + 1 hop
            </button>
          </span>
        </div>
        {scope === 'impact' && view?.notice && (
          <p className="faint" style={{ margin: 0 }} data-testid="impact-view-notice">
            {view.notice}
          </p>
        )}
      </section>
      {tab === 'impact' ? <BlastRadius /> : <Dependencies />}
    </aside>
  );
}
