/** One labelled "Any …" select of a GET filter form (the dashboard's and the audit log's). */
export function SelectFilter({ name, label, value, options }: { name: string; label: string; value?: string; options: Readonly<Record<string, string>> }) {
  const id = `filter-${name}`;
  return (
    <div className="filter">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <select className="select" id={id} name={name} defaultValue={value ?? ""}>
        <option value="">Any</option>
        {Object.entries(options).map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
