/** The controls of the therapist pages' GET filter forms (the dashboard, the audit log, the outcome report). */

/** One labelled "Any …" select. */
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

/** One labelled date input of a GET filter form (the dashboard's received dates, the outcome report's start dates). */
export function DateFilter({ name, label, value }: { name: string; label: string; value?: string }) {
  const id = `filter-${name}`;
  return (
    <div className="filter">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <input className="input" type="date" id={id} name={name} defaultValue={value} />
    </div>
  );
}

/** A GET filter form's submit button and the link that clears every filter. */
export function FilterButtons({ clearHref }: { clearHref: string }) {
  return (
    <div className="filter filter-buttons">
      <button type="submit" className="button">
        Apply filters
      </button>{" "}
      <a href={clearHref}>Clear</a>
    </div>
  );
}
