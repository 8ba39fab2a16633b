import { requireTherapistForApi } from "@/lib/auth/require-therapist";
import { isOwnFormPost, isSameOrigin } from "@/lib/auth/same-origin";
import { CourseConflict, renderProgressSummary } from "@/lib/course-records";
import { progressLetterSchema } from "@/lib/course-forms/progress-letter";
import { COURSE_ID_PATTERN } from "@/lib/course-forms/confirmations";
import { PDF_FAILED_MESSAGE, pdfFailure, pdfResponse } from "@/lib/pdf/pdf-downloads";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

const problems = (status: number, errors: { item: string; message: string }[], headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ errors }), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers } });
const refuse = (status: number, message: string, item = "$", headers: Record<string, string> = {}) => problems(status, [{ item, message }], headers);

/** The form's text fields only (a file part is not text: refused by the schema, naming it). */
async function formFields(request: Request): Promise<Record<string, unknown> | undefined> {
  try {
    const form = await request.formData();
    return Object.fromEntries([...form.keys()].map((k) => [k, form.getAll(k).length === 1 ? form.get(k) : form.getAll(k)]));
  } catch {
    return undefined;
  }
}

/**
 * POST /api/courses/{id}/progress-pdf — the course's progress summary PDF, with an optional
 * covering letter (addressee and paragraph, posted: never in an address). The course page's form
 * posts it with fetch, or itself without JavaScript. Session checked here; every download audited.
 */
export async function POST(request: Request, context: Context): Promise<Response> {
  if (!isSameOrigin(request.headers) && !isOwnFormPost(request.headers)) return refuse(403, "This request did not come from this site and was refused.");
  const therapist = await requireTherapistForApi(request);
  if (therapist instanceof Response) return therapist;
  const { id } = await context.params;
  if (!COURSE_ID_PATTERN.test(id)) return refuse(404, "No such course");
  const fields = await formFields(request);
  if (!fields) return refuse(400, "Send the letter's fields as a form");
  // Empty fields are what a form sends for "not given".
  const parsed = progressLetterSchema.safeParse(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== "")));
  if (!parsed.success)
    return problems(
      400,
      parsed.error.issues.flatMap((issue) =>
        issue.code === "unrecognized_keys" ? issue.keys.map((k) => ({ item: k.slice(0, 64), message: "This form has no such field" })) : [{ item: String(issue.path[0] ?? "$"), message: issue.message }],
      ),
    );
  try {
    const { pdf, filename } = await renderProgressSummary(id, parsed.data, therapist);
    return pdfResponse(pdf, filename);
  } catch (error) {
    if (error instanceof CourseConflict) return refuse(404, "No such course");
    const failure = pdfFailure(error, "pdf.progress_failed");
    return refuse(failure.status, PDF_FAILED_MESSAGE, "$", failure.headers);
  }
}
