import "server-only";
import path from "node:path";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { ThresholdName } from "@/lib/assessment/thresholds";
import { ruleSetsWith, THRESHOLD_NAMES, type RuleSet } from "@/lib/assessment/rule-sets";
import { COURSE_1_THRESHOLDS, type CourseThresholdName } from "@/lib/course/thresholds";
import { courseRuleSetWith, type CourseRuleSet } from "@/lib/course/rule-set";
import type { QuestionnaireVersion } from "@/lib/questionnaire/definition";
import { COUNTRY_CODES, type CountryCode } from "@/lib/questionnaire/countries";
import { parseDatabaseUrl } from "@/lib/database-url";
import { DEFAULT_TREATMENT_DESCRIPTION } from "@/lib/treatment-info";
import type { ClinicContact } from "@/lib/clinic-contact";

/**
 * Every tunable of the server, read from the environment and validated with zod once at start-up.
 * A bad value stops the server with a message naming the variable.
 */

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

const crisisLineSchema = z.strictObject({
  label: z.string().min(1),
  /** What is dialled or texted: digits and + only. */
  number: z.string().regex(/^\+?[0-9]{2,15}$/, "number must be digits, e.g. 988"),
  display: z.string().min(1),
  sms: z.boolean().default(false),
});
const crisisCountrySchema = z.strictObject({
  lines: z.array(crisisLineSchema),
  emergencyText: z.string().min(1),
});
/** Crisis lines for each country a person can say they live in (the questionnaire's `country` options). */
export const crisisNumbersSchema = z.strictObject(
  Object.fromEntries(COUNTRY_CODES.map((code) => [code, crisisCountrySchema])) as Record<CountryCode, typeof crisisCountrySchema>,
);
export type CrisisNumbers = z.infer<typeof crisisNumbersSchema>;

// The lines' own names: Canada's "9-8-8 Suicide Crisis Helpline", the US "988 Suicide & Crisis Lifeline".
const EMERGENCIES_911 = { label: "Emergencies", number: "911", display: "911", sms: false };
const EMERGENCY_TEXT_911 = "If you are in danger right now, call 911 or go to your nearest emergency department.";
export const DEFAULT_CRISIS_NUMBERS: CrisisNumbers = {
  CA: {
    lines: [{ label: "9-8-8 Suicide Crisis Helpline — call or text", number: "988", display: "9-8-8", sms: true }, EMERGENCIES_911],
    emergencyText: EMERGENCY_TEXT_911,
  },
  US: {
    lines: [{ label: "988 Suicide & Crisis Lifeline — call or text", number: "988", display: "9-8-8", sms: true }, EMERGENCIES_911],
    emergencyText: EMERGENCY_TEXT_911,
  },
  other: {
    lines: [],
    emergencyText: "If you are in danger right now, call your local emergency number or go to your nearest emergency department.",
  },
};

const PHONE_SHAPE = /^\+?[0-9(][0-9 ().-]*[0-9]$/;

/** The environment variable's schema: a number as it should be shown, 7 to 15 digits. */
const clinicPhoneSchema = z
  .string()
  .trim()
  .max(30, "must be a phone number such as 416-555-0100 or +1 416 555 0100")
  .refine((v) => PHONE_SHAPE.test(v) && /^(\D*\d){7,15}\D*$/.test(v), "must be a phone number such as 416-555-0100 or +1 416 555 0100 (digits, spaces, + ( ) - .)")
  .transform((display) => ({ display, dial: `${display.startsWith("+") ? "+" : ""}${display.replace(/\D/g, "")}` }));

const clinicEmailSchema = z.email({ error: "must be an e-mail address such as intake@clinic.example" }).max(254);

const jsonObject = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "must be valid JSON" });
    return z.NEVER;
  }
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const thresholdsSchema = z.strictObject(
  Object.fromEntries(THRESHOLD_NAMES.map((k) => [k, z.number().finite().min(0).optional()])) as Record<
    ThresholdName,
    z.ZodOptional<z.ZodNumber>
  >,
);

/** COURSE_THRESHOLDS: names of course-1 thresholds; an unknown name is refused, so a typo never silently keeps a default. */
const courseThresholdsSchema = z.strictObject(
  Object.fromEntries(
    Object.keys(COURSE_1_THRESHOLDS).map((k) => [k, z.number({ error: "must be a number" }).finite().min(0, "must be 0 or more").optional()]),
  ) as Record<CourseThresholdName, z.ZodOptional<z.ZodNumber>>,
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown threshold ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}; known: ${Object.keys(COURSE_1_THRESHOLDS).join(", ")}`
        : "must be a JSON object of threshold names and numbers",
  },
);

const envSchema = z.object({
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_PATH: z.string().min(1).default("data/intake.db"),
  // The message never quotes the value: the URL holds the database password.
  DATABASE_URL: z
    .string()
    .refine((url) => parseDatabaseUrl(url) !== undefined, "must be a PostgreSQL URL, postgres://user:password@host:5432/database (postgres:// or postgresql://)")
    .optional(),
  KEYS_DIR: z.string().min(1).default("keys"),
  AUDIT_ANCHOR_PATH: z.string().min(1).optional(),
  REQUIRE_EXTERNAL_KEYS: booleanFlag.default(false),
  ENCRYPTION_KEYS: z.string().optional(),
  BLIND_INDEX_KEY: z.string().optional(),
  AUDIT_HMAC_KEY: z.string().optional(),
  AUTH_SECRET: z.string().optional(),
  CLINIC_NAME: z.string().trim().min(1).max(120).default("the clinic"),
  // Unset: the sentences that would give them are left out (lib/clinic-contact.ts).
  CLINIC_PHONE: clinicPhoneSchema.optional(),
  CLINIC_EMAIL: clinicEmailSchema.optional(),
  CLINIC_TIME_ZONE: z.string().refine(isTimeZone, "must be an IANA time zone such as America/Toronto").default("America/Toronto"),
  REVIEW_WINDOW: z.string().trim().min(3).max(80).default("within 2 business days"),
  // Printed on the client's copy of the PDF; one paragraph per line.
  CLINIC_TREATMENT_DESCRIPTION: z
    .string()
    .trim()
    .min(20, "must describe the treatment in at least 20 characters")
    .max(2000, "must be at most 2000 characters")
    .default(DEFAULT_TREATMENT_DESCRIPTION),
  CRISIS_NUMBERS: jsonObject.pipe(crisisNumbersSchema).optional(),
  INTAKE_API_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  ASSESSMENT_THRESHOLDS: jsonObject.pipe(thresholdsSchema).optional(),
  COURSE_THRESHOLDS: jsonObject.pipe(courseThresholdsSchema).optional(),
  PUBLIC_ORIGIN: z.url({ error: "must be the public URL origin, e.g. https://intake.example.org" }).optional(),
  TRUST_PROXY: booleanFlag.default(false),
  RATE_LIMIT_SUBMIT_PER_HOUR: z.coerce.number({ error: "must be a whole number" }).int().min(1).max(1000000).default(20),
  DRAFTS_PER_HOUR: z.coerce.number({ error: "must be a whole number" }).int().min(1).max(1000000).default(20),
  DRAFT_SAVES_PER_HOUR: z.coerce.number({ error: "must be a whole number" }).int().min(1).max(10000000).default(4000),
  DRAFT_SAVE_MB_PER_HOUR: z.coerce.number({ error: "must be a whole number of megabytes" }).int().min(1).max(1000000).default(256),
  RATE_LIMIT_LOGIN_PER_15MIN: z.coerce.number({ error: "must be a whole number" }).int().min(1).max(100000).default(10),
  RETENTION_PURGE_CLOSED_AFTER_DAYS: z.coerce.number({ error: "must be a number of days" }).int().min(30).max(36500).optional(),
  CHECKIN_LINK_HOURS: z.coerce.number({ error: "must be a whole number of hours" }).int().min(1, "must be at least 1 hour").max(720, "must be at most 720 hours (30 days)").default(72),
  URGENT_ALERT_AFTER_MINUTES: z.coerce.number({ error: "must be a number of minutes" }).int().min(1).max(10080).default(60),
  NOTIFY_SMTP_URL: z
    .url({ error: "must be an SMTP URL such as smtps://user:pass@smtp.example.org:465" })
    .refine((u) => /^smtps?:\/\//.test(u), "must start with smtp:// or smtps://")
    .optional(),
  NOTIFY_EMAIL_TO: z.email({ error: "must be an e-mail address" }).optional(),
  NOTIFY_EMAIL_FROM: z.email({ error: "must be an e-mail address" }).optional(),
  NOTIFY_WEBHOOK_URL: z.url({ error: "must be an http(s) URL" }).refine((u) => /^https?:\/\//.test(u), "must start with http:// or https://").optional(),
});

export interface AppConfig {
  port: number;
  host: string;
  databasePath: string;
  /** PostgreSQL (DATABASE_URL) instead of the SQLite file; unset, SQLite as always. Holds a password: never log it. */
  databaseUrl?: string;
  keysDir: string;
  /** The signed head of the audit chain, kept outside the database's directory (default: in KEYS_DIR). */
  auditAnchorPath: string;
  requireExternalKeys: boolean;
  externalKeys: {
    encryptionKeys?: string;
    blindIndexKey?: string;
    auditHmacKey?: string;
    authSecret?: string;
  };
  clinicName: string;
  /** Phone and e-mail people are told to use; each may be unset. */
  clinicContact: ClinicContact;
  timeZone: string;
  reviewWindow: string;
  /** What a course of treatment involves, in the clinic's words (the client's copy prints it). */
  treatmentDescription: string;
  crisisNumbers: CrisisNumbers;
  intakeApiKey?: string;
  publicOrigin?: string;
  /** The rule set for each questionnaire version, with the clinic's threshold overrides. */
  ruleSets: Readonly<Record<QuestionnaireVersion, RuleSet>>;
  /** Course rule set course-1 with the clinic's COURSE_THRESHOLDS (the CLI and the server read the same). */
  courseRuleSet: CourseRuleSet;
  /** Sign-in and second-factor attempts allowed per client address (and failures per account) in 15 minutes. */
  loginAttemptsPer15Min: number;
  /** Final submissions and resume-link uses allowed per client address per hour. */
  submissionsPerHour: number;
  /** New drafts (the consent step) allowed per client address per hour. */
  draftsPerHour: number;
  /** Saves (autosave, "later", "continue") allowed to one draft per hour. */
  draftSavesPerHour: number;
  /** Megabytes of draft state one client address may write per hour (MiB; each save counts at least 4 KiB). */
  draftSaveMbPerHour: number;
  /** Unset (the default): intakes are never purged automatically. */
  purgeClosedAfterDays?: number;
  trustProxy: boolean;
  /** How long a check-in link works after it was created (it is used up earlier by the submission). */
  checkinLinkHours: number;
  /** Urgent intakes unacknowledged for longer than this are highlighted on the dashboard. */
  urgentAlertAfterMinutes: number;
  notify: {
    smtpUrl?: string;
    emailTo?: string;
    emailFrom?: string;
    webhookUrl?: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");

/** Parses configuration from an environment; throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  // An empty variable means "use the default", as in most twelve-factor tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = result.data;
  if (e.NOTIFY_SMTP_URL && !e.NOTIFY_EMAIL_TO) throw new ConfigError(["NOTIFY_EMAIL_TO: required when NOTIFY_SMTP_URL is set"]);
  if (e.REQUIRE_EXTERNAL_KEYS) {
    const missing = (["ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "AUDIT_HMAC_KEY", "AUTH_SECRET"] as const).filter((k) => !e[k]);
    if (missing.length > 0)
      throw new ConfigError(missing.map((k) => `${k}: required because REQUIRE_EXTERNAL_KEYS=true`));
  }
  const databasePath = path.resolve(e.DATABASE_PATH);
  const keysDir = path.resolve(e.KEYS_DIR);
  const auditAnchorPath = e.AUDIT_ANCHOR_PATH ? path.resolve(e.AUDIT_ANCHOR_PATH) : path.join(keysDir, "audit-anchor.json");
  // Whoever can roll the database back must not be able to roll the anchor back with it.
  const fromDbDir = path.relative(path.dirname(databasePath), auditAnchorPath);
  if (!fromDbDir.startsWith("..") && !path.isAbsolute(fromDbDir))
    throw new ConfigError([`AUDIT_ANCHOR_PATH: must not be inside the database's directory (${path.dirname(databasePath)}); the default is audit-anchor.json in KEYS_DIR`]);
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath,
    databaseUrl: e.DATABASE_URL,
    keysDir,
    auditAnchorPath,
    requireExternalKeys: e.REQUIRE_EXTERNAL_KEYS,
    externalKeys: {
      encryptionKeys: e.ENCRYPTION_KEYS,
      blindIndexKey: e.BLIND_INDEX_KEY,
      auditHmacKey: e.AUDIT_HMAC_KEY,
      authSecret: e.AUTH_SECRET,
    },
    clinicName: e.CLINIC_NAME,
    clinicContact: { phone: e.CLINIC_PHONE, email: e.CLINIC_EMAIL },
    timeZone: e.CLINIC_TIME_ZONE,
    reviewWindow: e.REVIEW_WINDOW,
    treatmentDescription: e.CLINIC_TREATMENT_DESCRIPTION,
    crisisNumbers: e.CRISIS_NUMBERS ?? DEFAULT_CRISIS_NUMBERS,
    intakeApiKey: e.INTAKE_API_KEY,
    publicOrigin: e.PUBLIC_ORIGIN ? new URL(e.PUBLIC_ORIGIN).origin : undefined,
    ruleSets: ruleSetsWith(e.ASSESSMENT_THRESHOLDS ?? {}, sha256Hex),
    courseRuleSet: courseRuleSetWith(e.COURSE_THRESHOLDS ?? {}, sha256Hex),
    checkinLinkHours: e.CHECKIN_LINK_HOURS,
    urgentAlertAfterMinutes: e.URGENT_ALERT_AFTER_MINUTES,
    loginAttemptsPer15Min: e.RATE_LIMIT_LOGIN_PER_15MIN,
    submissionsPerHour: e.RATE_LIMIT_SUBMIT_PER_HOUR,
    draftsPerHour: e.DRAFTS_PER_HOUR,
    draftSavesPerHour: e.DRAFT_SAVES_PER_HOUR,
    draftSaveMbPerHour: e.DRAFT_SAVE_MB_PER_HOUR,
    purgeClosedAfterDays: e.RETENTION_PURGE_CLOSED_AFTER_DAYS,
    trustProxy: e.TRUST_PROXY,
    notify: { smtpUrl: e.NOTIFY_SMTP_URL, emailTo: e.NOTIFY_EMAIL_TO, emailFrom: e.NOTIFY_EMAIL_FROM, webhookUrl: e.NOTIFY_WEBHOOK_URL },
  };
}

const cache = globalThis as unknown as { __intakeConfig?: AppConfig };

/** The process's configuration, parsed on first use. */
export function getConfig(): AppConfig {
  cache.__intakeConfig ??= parseConfig(process.env);
  return cache.__intakeConfig;
}

/** Forgets the cached configuration (tests change the environment between cases). */
export function resetConfigForTests(): void {
  delete cache.__intakeConfig;
}
