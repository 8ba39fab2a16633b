/**
 * `npm run --silent assess-course -- FILE` (or `-` for standard input): validates one course in the
 * canonical course JSON (treatment-course.md) and prints its flags and outcome under course rule set
 * `course-1` as JSON.
 * Exit 0: assessed (a warning line on stderr for each hidden check-in item ignored). Exit 2: invalid
 * course, one `PATH: message` line per problem on stderr. Exit 1: the file could not be read, or bad configuration.
 * COURSE_THRESHOLDS (JSON) overrides course-1 thresholds; the version then becomes course-1-custom-<hash>.
 */
import fs from "node:fs";
import { ConfigError, parseConfig } from "@/lib/config";
import type { CourseRuleSet } from "@/lib/course";
import { assessCourse, parseCourse } from "@/lib/course";

function fail(code: number, lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(code);
}

const file = process.argv[2];
if (!file || process.argv.length > 3) fail(1, ["usage: npm run --silent assess-course -- FILE   (or - to read standard input)"]);

// The server's own configuration: COURSE_THRESHOLDS is parsed once, in lib/config.ts, for both.
let timeZone: string;
let ruleSet: CourseRuleSet;
try {
  ({ timeZone, courseRuleSet: ruleSet } = parseConfig(process.env));
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

const result = parseCourse(body, { receivedAt: new Date(), timeZone });
if (!result.ok) fail(2, result.errors.map((e) => `${e.item}: ${e.message}`));
for (const w of result.warnings) process.stderr.write(`warning: ${w.item}: ${w.message}\n`);

process.stdout.write(`${JSON.stringify(assessCourse(result.course, ruleSet), null, 2)}\n`);
