/**
 * `npm run demo [-- --again] [-- --force]`: fills the configured database (DATABASE_PATH, or
 * DATABASE_URL for PostgreSQL, with KEYS_DIR) with fictional demo clients, intakes and treatment
 * courses, through the same features the clinic uses (lib/demo). Names are "Demo Client NN",
 * e-mails on example.invalid; dates are relative to today.
 *
 *   --again   add another set (new clients) when demo data is already there
 *   --force   seed even though the database holds intakes that are not demo data
 *
 * Exit codes: 0 done, 2 bad arguments, 3 refused (demo data already there, or real intakes), 1 configuration or storage failure.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { ConfigError, getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDatabases, prepareDatabase } from "@/db/prepare-database";
import { demoState, seedDemo } from "@/lib/demo/seed";

const USAGE = "usage: npm run demo [-- --again] [-- --force]";

const argsSchema = z.strictObject({
  again: z.literal(true, { error: "takes no value" }).optional(),
  force: z.literal(true, { error: "takes no value" }).optional(),
  _: z.array(z.string()).max(0, { error: "takes no arguments, only --again and --force" }),
});

async function finish(code: number, message: string, stream: NodeJS.WriteStream = process.stderr): Promise<never> {
  stream.write(`${message}\n`);
  await closeDatabases().catch(() => undefined);
  process.exit(code);
}

function parsedArgs(argv: string[]): z.infer<typeof argsSchema> | string {
  // Not strict: every token reaches zod, which names the unknown option.
  const { values, positionals } = parseArgs({ args: argv, strict: false, allowPositionals: true });
  const parsed = argsSchema.safeParse({ ...values, _: positionals });
  if (parsed.success) return parsed.data;
  return parsed.error.issues
    .flatMap((i) =>
      i.code === "unrecognized_keys" ? i.keys.map((k) => `--${k}: unknown option`) : [`${i.path[0] === "_" ? "arguments" : `--${String(i.path[0])}`}: ${i.message}`],
    )
    .join("\n");
}

async function main() {
  const args = parsedArgs(process.argv.slice(2));
  if (typeof args === "string") return finish(2, `${args}\n${USAGE}`);
  try {
    loadKeyMaterial(getConfig());
    await prepareDatabase();
  } catch (error) {
    if (error instanceof ConfigError) return finish(1, error.message);
    throw error;
  }
  const state = await demoState();
  if (state.otherIntakes > 0 && !args.force)
    return finish(
      3,
      `Refused: this database holds ${state.otherIntakes} intake(s) that are not demo data; demo data must not be mixed with health data. Point DATABASE_PATH (or DATABASE_URL) at a database of its own, or add --force if this really is a test database.`,
    );
  if (state.runs > 0 && !args.again)
    return finish(3, `Refused: demo data is already here (${state.demoIntakes} demo intakes, ${state.runs} run(s)). Add --again to add another set of demo clients.`);
  const run = state.runs + 1;
  const c = await seedDemo(run);
  const lines = [
    `Demo data created (set ${run}), all fictional:`,
    `  ${c.intakes} intakes (version 2)`,
    `  ${c.courses.acute + c.courses.maintenance + c.courses.ended} courses: ${c.courses.acute} acute, ${c.courses.maintenance} maintenance, ${c.courses.ended} ended`,
    `  ${c.sessions} session records with ${c.sessionFlags} flags`,
    `  ${c.checkins} check-ins with ${c.checkinFlags} flags; ${c.urgentUnacknowledged} urgent check-in(s) awaiting acknowledgement`,
    `  ${c.linksAwaiting} check-in link(s) sent and not yet answered`,
  ];
  return finish(0, lines.join("\n"), process.stdout);
}

main().catch((error) => finish(1, `error: ${(error as Error).message}`));
