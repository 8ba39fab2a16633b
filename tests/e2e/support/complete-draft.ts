/**
 * Run as `node bin/run.mjs tests/e2e/support/complete-draft.ts SESSION_TOKEN` against a test
 * server's database and keys: fills the draft of that cookie with a complete intake (v2), as if every
 * step had been answered, with the app's own draft functions. Prints {"draftId"}.
 */
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDatabases, prepareDatabase } from "@/db/prepare-database";
import { findDraftBySession, saveDraft } from "@/lib/intake-wizard/drafts";
import { fullAnswersV2 } from "../../fixtures/intakes";

const token = process.argv[2];
if (!token) throw new Error("usage: complete-draft.ts SESSION_TOKEN");
loadKeyMaterial(getConfig());
await prepareDatabase();
const draft = await findDraftBySession(token);
if (!draft) throw new Error("no such draft");
if (!(await saveDraft(draft.id, { answers: fullAnswersV2(), units: {} }, false))) throw new Error("the draft was not saved");
console.log(JSON.stringify({ draftId: draft.id }));
await closeDatabases();
