// The inspected CI's fields, tags, redundancy, attributes and external ids.
import type { Ci } from '../../shared/model';
import { CRITICALITY_LABELS, classLabel } from '../graph/class-style';

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function KeyValues({ title, values, testId }: { title: string; values: Record<string, string>; testId: string }) {
  const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="panel-section" data-testid={testId}>
      <h3>{title}</h3>
      {entries.length === 0 ? (
        <div className="faint">None</div>
      ) : (
        <dl className="fields">
          {entries.map(([key, value]) => (
            <FragmentRow key={key} term={key} value={value} />
          ))}
        </dl>
      )}
    </section>
  );
}

function FragmentRow({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt title={term}>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

export function CiFields({ ci }: { ci: Ci }) {
  return (
    <>
      <section className="panel-section" data-testid="ci-fields">
        <dl className="fields">
          <dt>Class</dt>
          <dd data-testid="ci-class">{classLabel(ci.class)}</dd>
          <dt>Environment</dt>
          <dd>{ci.environment || <span className="faint">—</span>}</dd>
          <dt>Criticality</dt>
          <dd>
            <span className={`crit-badge crit-${ci.criticality}`}>{CRITICALITY_LABELS[ci.criticality]}</span>
          </dd>
          <dt>Status</dt>
          <dd>{ci.status}</dd>
          <dt>Owner</dt>
          <dd>{ci.owner || <span className="faint">—</span>}</dd>
          <dt>Redundancy</dt>
          <dd data-testid="ci-redundancy">
            {ci.redundancy ? `Needs ${ci.redundancy.minHealthy} healthy member${ci.redundancy.minHealthy === 1 ? '' : 's'}` : <span className="faint">—</span>}
          </dd>
          <dt>Tags</dt>
          <dd>
            {ci.tags.length ? (
              <span className="chips">
                {ci.tags.map((tag) => (
                  <span key={tag} className="chip">
                    {tag}
                  </span>
                ))}
              </span>
            ) : (
              <span className="faint">—</span>
            )}
          </dd>
          <dt>Id</dt>
          <dd className="mono">{ci.id}</dd>
          <dt>Updated</dt>
          <dd title={`Created ${formatTime(ci.createdAt)}`}>{formatTime(ci.updatedAt)}</dd>
        </dl>
      </section>
      <KeyValues title="Attributes" values={ci.attributes} testId="ci-attributes" />
      <KeyValues title="External ids" values={ci.externalIds} testId="ci-external-ids" />
    </>
  );
}
