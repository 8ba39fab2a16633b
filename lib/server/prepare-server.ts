import "server-only";
import { ConfigError, getConfig, type AppConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { getDb, migrateDatabase } from "@/db/client";
import { backfillAssessments } from "@/lib/review/detail";
import { runRetention, retentionWarning } from "./retention";
import { users } from "@/db/schema";
import { anchorAtStart } from "@/lib/audit/audit-anchor";

/**
 * Everything the server needs before it takes a request: configuration validated, secrets loaded
 * (generated on a fresh install), database created and migrated. Throws ConfigError on bad input.
 */
export async function prepareServer(announce: (line: string) => void = console.log): Promise<AppConfig> {
  const config = getConfig();
  // The PostgreSQL schema, migrations and client exist; the features do not run on it yet. Refuse
  // rather than serve SQLite while the operator believes the data goes to PostgreSQL.
  if (config.databaseUrl)
    throw new ConfigError(["DATABASE_URL: serving on PostgreSQL is not finished in this version; unset DATABASE_URL to use SQLite (DATABASE_PATH)"]);
  const { generated } = loadKeyMaterial(config);
  for (const file of generated)
    announce(`Generated a new secret: ${file} (mode 0600). Back up the ${config.keysDir} directory separately from the database: without it stored intakes cannot be read.`);
  migrateDatabase(getDb());
  const anchorNote = anchorAtStart();
  if (anchorNote) announce(anchorNote);
  const backfilled = await backfillAssessments(config.ruleSet);
  if (backfilled > 0) announce(`Computed assessments for ${backfilled} intakes stored before assessments existed.`);
  const warning = retentionWarning();
  if (warning) announce(warning);
  await runRetention(announce);
  if (getDb().select({ id: users.id }).from(users).limit(1).all().length === 0)
    announce('No therapist account exists yet. Create the first one with: npm run users -- create --email you@clinic.example --name "Your name"');
  return config;
}
