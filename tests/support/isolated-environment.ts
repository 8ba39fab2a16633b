import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Each test file gets its own data and key directories, so workers never share a SQLite file.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-test-"));
process.env.DATABASE_PATH = path.join(dir, "data", "intake.db");
process.env.KEYS_DIR = path.join(dir, "keys");
process.env.CLINIC_TIME_ZONE = "America/Toronto";
for (const name of ["DATABASE_URL", "REQUIRE_EXTERNAL_KEYS", "ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "AUDIT_HMAC_KEY", "AUTH_SECRET", "INTAKE_API_KEY", "PUBLIC_ORIGIN", "CRISIS_NUMBERS", "NOTIFY_SMTP_URL", "NOTIFY_EMAIL_TO", "NOTIFY_EMAIL_FROM", "NOTIFY_WEBHOOK_URL", "PORT", "RATE_LIMIT_LOGIN_PER_15MIN", "DRAFTS_PER_HOUR", "DRAFT_SAVES_PER_HOUR", "DRAFT_SAVE_MB_PER_HOUR", "URGENT_ALERT_AFTER_MINUTES", "TRUST_PROXY", "CHECKIN_LINK_HOURS"])
  delete process.env[name];
// Most tests send many intakes from one (unknown) address; the submission limit has tests of its own.
process.env.RATE_LIMIT_SUBMIT_PER_HOUR = "100000";
