/** The error by the field ("Error: " for screen readers), referenced by aria-describedby. */
export function ErrorMessage({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p className="error-message" id={`${id}-error`}>
      <span className="visually-hidden">Error: </span>
      {text}
    </p>
  ) : null;
}
