// One filter group: a checkbox per value with its count. Nothing checked = no filter.
interface FacetGroupProps<V extends string | number> {
  title: string;
  name: string;
  values: { value: V; count: number }[];
  selected: readonly V[];
  label?: (value: V) => string;
  onToggle(value: V): void;
}

export function FacetGroup<V extends string | number>({ title, name, values, selected, label, onToggle }: FacetGroupProps<V>) {
  if (values.length === 0) return null;
  return (
    <fieldset className="panel-section" style={{ border: 0, margin: 0 }} data-testid={`facet-${name}`}>
      <h3>{title}</h3>
      <div className="facet-list">
        {values.map(({ value, count }) => (
          <label key={String(value)} className="facet">
            <input
              type="checkbox"
              checked={selected.includes(value)}
              onChange={() => onToggle(value)}
              data-testid={`filter-${name}-${value}`}
            />
            <span className="facet-name">{label ? label(value) : String(value) || '(none)'}</span>
            <span className="facet-count">{count.toLocaleString('en')}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
