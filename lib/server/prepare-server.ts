import "server-only";
import { getConfig, type AppConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { prepareDatabase } from "@/db/prepare-database";
import { currentDialect } from "@/db/dialect";
import { accountsRepository } from "@/db/repositories/accounts";
import { backfillAssessments } from "@/lib/review/detail";
import { backfillCourseOutcomeFacts } from "@/lib/course-records/clinic-report";
import { runRetention, retentionWarning } from "./retention";
import { anchorAtStart, anchorAtStartOnPostgres } from "@/lib/audit/audit-anchor";

/**
 * Everything the server needs before it takes a request: configuration validated, secrets loaded
 * (generated on a fresh install), the database reachable and migrated (PostgreSQL when DATABASE_URL
 * is set, else SQLite), the audit anchor checked, old intakes assessed, retention run. Throws
 * ConfigError on bad input, including a PostgreSQL that cannot be reached or used.
 */
export async function prepareServer(announce: (line: string) => void = console.log): Promise<AppConfig> {
  const config = getConfig();
  const { generated } = loadKeyMaterial(config);
  for (const file of generated)
    announce(`Generated a new secret: ${file} (mode 0600). Back up the ${config.keysDir} directory separately from the database: without it stored intakes cannot be read.`);
  await prepareDatabase();
  const anchorNote = currentDialect() === "postgres" ? await anchorAtStartOnPostgres() : anchorAtStart();
  if (anchorNote) announce(anchorNote);
  const backfilled = await backfillAssessments(config.ruleSets);
  if (backfilled > 0) announce(`Computed assessments for ${backfilled} intakes stored before assessments existed.`);
  const courses = await backfillCourseOutcomeFacts();
  if (courses > 0) announce(`Stored the outcome report's facts for ${courses} courses started before they were kept.`);
  const warning = retentionWarning();
  if (warning) announce(warning);
  await runRetention(announce);
  if ((await accountsRepository.countUsers()) === 0)
    announce('No therapist account exists yet. Create the first one with: npm run users -- create --email you@clinic.example --name "Your name"');
  return config;
}
