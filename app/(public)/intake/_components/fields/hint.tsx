/** Hint text under a question, referenced by its inputs' aria-describedby. */
export function Hint({ id, text }: { id: string; text?: string }) {
  return text ? (
    <div className="hint" id={`${id}-hint`}>
      {text}
    </div>
  ) : null;
}
