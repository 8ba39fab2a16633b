/**
 * `npm run --silent assess -- FILE` (or `-` for standard input): validates one canonical JSON intake
 * with the server's schema and prints its assessment as JSON.
 * Exit 0: assessed (warnings for ignored hidden items on stderr). Exit 2: invalid intake, one
 * `ITEM: message` line per problem on stderr. Exit 1: the file could not be read, or bad configuration.
 */
import fs from "node:fs";
import { ConfigError, parseConfig } from "@/lib/config";
import { parseIntake } from "@/lib/questionnaire";
import { assess } from "@/lib/assessment";

function fail(code: number, lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(code);
}

const file = process.argv[2];
if (!file || process.argv.length > 3) fail(1, ["usage: npm run --silent assess -- FILE   (or - to read standard input)"]);

let config;
try {
  config = parseConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(1, [error.message]);
  throw error;
}

let text: string;
try {
  text = fs.readFileSync(file === "-" ? 0 : file, "utf8");
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  fail(1, [`error: cannot read ${file === "-" ? "standard input" : file}: ${e.code ?? e.message}`]);
}

let body: unknown;
try {
  body = JSON.parse(text);
} catch {
  fail(2, ["$: the input is not valid JSON"]);
}

const result = parseIntake(body, { receivedAt: new Date(), timeZone: config.timeZone, submittedAtPolicy: "not_future" });
if (!result.ok) fail(2, result.errors.map((e) => `${e.item}: ${e.message}`));
for (const w of result.warnings) process.stderr.write(`warning: ${w.item}: ${w.message}\n`);

const assessment = assess(result.intake.answers, result.intake.referenceDate, config.ruleSets[result.intake.version]);
process.stdout.write(`${JSON.stringify(assessment, null, 2)}\n`);
