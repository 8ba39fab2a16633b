/**
 * The shape of a server-action call, checked in the proxy before React decodes it: React's reply
 * decoder throws on some malformed bodies (a "$K1" reference, 20,000 levels of nesting) before any
 * of our code runs, which Next answers with a 500 and a stack in the log.
 *
 * What our client code sends (React's encodeReply of the arguments list): a JSON array, as
 * text/plain, whose strings starting with "$" are escaped as "$$…", plus the few special values
 * plain objects can hold ($undefined, $NaN, $Infinity, $-Infinity, $-0, $D<date>). A form action
 * called with a FormData is sent as multipart: field "0" is that array and may also hold "$K<id>"
 * (the FormData, whose fields are "_<id>_…"). Nothing else is needed; everything else is refused
 * with a 400 whose message never repeats the input. Form posts without JavaScript (no Next-Action
 * header) are checked only in the fields Next decodes: "$ACTION_<n>:<m>" (a form action's id and
 * bound arguments); the form's own fields are never looked at.
 */

export const MAX_ACTION_DEPTH = 32;
// Our calls pass one argument (two for a form action: the previous state and the form); Next throws past 1,000.
const MAX_ACTION_ARGUMENTS = 4;

const SPECIAL = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D\d{4}-\d{2}-\d{2}T[\d:.]+Z$)/;
const FORM_DATA = /^\$K[0-9a-f]{1,8}$/;

/** Deepest nesting of arrays and objects in JSON text, scanned without recursion; stops past the limit. */
function depthOf(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return depth;
}

/** Why a model (the JSON of the arguments) is refused, or undefined when it is well formed. */
export function actionModelProblem(text: string, allowFormData: boolean): string | undefined {
  if (depthOf(text, MAX_ACTION_DEPTH) > MAX_ACTION_DEPTH) return `its arguments are nested too deeply (at most ${MAX_ACTION_DEPTH} levels)`;
  let model: unknown;
  try {
    model = JSON.parse(text);
  } catch {
    return "its body is not JSON";
  }
  if (!Array.isArray(model)) return "its arguments must be a list";
  if (model.length > MAX_ACTION_ARGUMENTS) return `it has too many arguments (at most ${MAX_ACTION_ARGUMENTS})`;
  const pending: unknown[] = [model];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (value.startsWith("$") && !SPECIAL.test(value) && !(allowFormData && FORM_DATA.test(value))) return "an argument uses an encoding this app does not send";
    } else if (value && typeof value === "object") for (const v of Object.values(value)) pending.push(v);
  }
  return undefined;
}

export const actionRefusal = (problem: string) => `This is not a valid request for this page: ${problem}.`;

/** Why a server-action request (a POST with a Next-Action header) is refused, or undefined. */
export async function actionRequestProblem(request: Request): Promise<string | undefined> {
  // Next takes exactly this prefix as a multipart action; anything else is decoded as text.
  if (request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return "its form data cannot be read";
    }
    const root = form.get("0");
    return typeof root === "string" ? actionModelProblem(root, true) : "it has no arguments";
  }
  return actionModelProblem(await request.text(), false);
}

const BOUND = /^\$@[0-9a-f]{1,8}$/;

/** A form posted without JavaScript: only the "$ACTION_<n>:<m>" fields are decoded by React. */
export async function formPostProblem(request: Request): Promise<string | undefined> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return "its form data cannot be read";
  }
  // As Next checks before decoding (it logs its refusal as an error): at most two references, each with one descriptor.
  const refs = [...form.keys()].filter((k) => k.startsWith("$ACTION_REF_"));
  if (refs.length > 2 || refs.some((k) => form.getAll(`$ACTION_${k.slice("$ACTION_REF_".length)}:0`).length !== 1)) return "its action reference is not valid";
  for (const [name, value] of form) {
    const part = /^\$ACTION_[^:]*:(\d+)$/.exec(name);
    if (!part) continue;
    if (typeof value !== "string") return "its action fields are not text";
    if (part[1] !== "0") {
      const problem = actionModelProblem(value, true);
      if (problem) return problem;
      continue;
    }
    // The action's reference: {"id": "...", "bound": null | "$@<part>"}.
    let meta: { id?: unknown; bound?: unknown } | null = null;
    try {
      meta = depthOf(value, 2) <= 1 ? JSON.parse(value) : null;
    } catch {
      // refused below
    }
    if (!meta || typeof meta !== "object" || typeof meta.id !== "string" || !(meta.bound === null || (typeof meta.bound === "string" && BOUND.test(meta.bound))))
      return "its action reference is not valid";
  }
  return undefined;
}
