import "server-only";
import { getConfig, type AppConfig } from "@/lib/config";
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
