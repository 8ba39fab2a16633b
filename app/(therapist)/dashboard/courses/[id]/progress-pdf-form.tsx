"use client";

import { useRef, useState, type FormEvent } from "react";
import { LETTER_ADDRESSEE_MAX_LENGTH, LETTER_PARAGRAPH_MAX_LENGTH } from "@/lib/course-forms/progress-letter";

/**
 * The progress summary PDF's download: a form that POSTs (the letter's addressee and paragraph are
 * never put in an address). With JavaScript it posts with fetch, saves the file under the server's
 * name and shows a refusal beside the field it names; without, the browser posts it and downloads
 * the file itself.
 */

type Problem = { item: string; message: string };
const LABELS: Record<string, string> = { addressee: "Addressee", paragraph: "Covering paragraph" };

const filenameOf = (response: Response) => /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "course-progress.pdf";

export function ProgressPdfForm({ courseId }: { courseId: string }) {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [pending, setPending] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const action = `/api/courses/${courseId}/progress-pdf`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    try {
      const response = await fetch(action, { method: "POST", body: new FormData(event.currentTarget), credentials: "same-origin" });
      if (!response.ok) {
        const body = (await response.json().catch(() => undefined)) as { errors?: Problem[] } | undefined;
        setProblems(body?.errors?.length ? body.errors : [{ item: "$", message: "The PDF could not be made. Try again in a moment." }]);
        requestAnimationFrame(() => summary.current?.focus());
        return;
      }
      setProblems([]);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = filenameOf(response);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setProblems([{ item: "$", message: "The PDF could not be downloaded. Check the connection and try again." }]);
    } finally {
      setPending(false);
    }
  }

  const errorOf = (field: string) => problems.find((p) => p.item === field)?.message;
  const field = (name: "addressee" | "paragraph") => {
    const error = errorOf(name);
    const id = `progress-${name}`;
    const describedBy = [`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ");
    const common = { id, name, className: "input width-full", "aria-describedby": describedBy, "aria-invalid": error ? true : undefined } as const;
    return (
      <div className={`form-group${error ? " form-group-error" : ""}`}>
        <label className="label" htmlFor={id}>
          {LABELS[name]} (optional)
        </label>
        <div className="hint" id={`${id}-hint`}>
          {name === "addressee"
            ? `Who the letter is to, for example the referring physician and their clinic. At most ${LETTER_ADDRESSEE_MAX_LENGTH} characters.`
            : `A short covering paragraph; it opens the PDF, above the summary. At most ${LETTER_PARAGRAPH_MAX_LENGTH} characters.`}
        </div>
        {error && (
          <p className="error-message" id={`${id}-error`}>
            <span className="visually-hidden">Error: </span>
            {error}
          </p>
        )}
        {name === "addressee" ? <input {...common} type="text" maxLength={LETTER_ADDRESSEE_MAX_LENGTH} autoComplete="off" /> : <textarea {...common} rows={5} maxLength={LETTER_PARAGRAPH_MAX_LENGTH} />}
      </div>
    );
  };

  return (
    <form method="post" action={action} onSubmit={onSubmit} aria-labelledby="progress-pdf-heading">
      {problems.length > 0 && (
        <div className="error-summary" role="alert" aria-labelledby="progress-pdf-errors-title" tabIndex={-1} ref={summary}>
          <h3 id="progress-pdf-errors-title">There is a problem</h3>
          <ul>
            {problems.map((p) => (
              <li key={`${p.item}:${p.message}`}>{LABELS[p.item] ? <a href={`#progress-${p.item}`}>{`${LABELS[p.item]}: ${p.message}`}</a> : p.message}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="hint">Leave both empty for the clinical-record summary; fill in both for a letter to the referring physician.</p>
      {field("addressee")}
      {field("paragraph")}
      <button type="submit" className="button-secondary" aria-busy={pending || undefined}>
        Download the progress summary (PDF)
      </button>
    </form>
  );
}
