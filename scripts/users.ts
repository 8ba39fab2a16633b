/**
 * `npm run users -- COMMAND`: therapist accounts. There is no sign-up page; this is how accounts exist.
 *
 *   create --email E --name "N"   password from the first line of standard input (asked for on a terminal);
 *                                 prints the two-factor enrolment as an otpauth:// line
 *   list
 *   disable --email E | enable --email E
 *   reset-password --email E      new password as for create; ends the account's sessions
 *   reset-2fa --email E           new authenticator secret (otpauth:// line); ends the account's sessions
 *
 * Exit codes: 0 done, 2 bad arguments or a refused value (the message says which), 1 configuration or storage failure.
 */
import readline from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ConfigError, getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { closeDb } from "@/db/client";
import { closeDatabases, prepareDatabase } from "@/db/prepare-database";
import {
  AccountError,
  createTherapist,
  emailSchema,
  listTherapists,
  nameSchema,
  resetTherapistPassword,
  resetTherapistTwoFactor,
  setTherapistDisabled,
} from "@/lib/auth/accounts";

const USAGE = `usage: npm run users -- create --email E --name "N" | list | disable --email E | enable --email E | reset-password --email E | reset-2fa --email E`;

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  // process.exit ends any PostgreSQL connection with the process; SQLite's handle is closed first.
  closeDb();
  process.exit(code);
}

const commandSchema = z.discriminatedUnion("command", [
  z.object({ command: z.literal("create"), email: emailSchema, name: nameSchema }),
  z.object({ command: z.literal("list") }),
  z.object({ command: z.enum(["disable", "enable", "reset-password", "reset-2fa"]), email: emailSchema }),
]);

/** The first line of standard input; on a terminal, asked for without echo. */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = readline.createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return "";
  }
  const read = (question: string) =>
    new Promise<string>((resolve) => {
      const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      const mute = rl as unknown as { _writeToOutput: (s: string) => void };
      process.stderr.write(question);
      mute._writeToOutput = () => {};
      rl.question("", (answer) => {
        rl.close();
        process.stderr.write("\n");
        resolve(answer);
      });
    });
  const first = await read(prompt);
  const second = await read("Type it again: ");
  if (first !== second) fail(2, "password: the two entries differ");
  return first;
}

function printEnrolment(url: string) {
  console.log("Two-factor enrolment: add this to an authenticator app (or type its secret by hand):");
  console.log(url);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: rest, options: { email: { type: "string" }, name: { type: "string" } }, strict: true }).values;
  } catch (error) {
    fail(2, `${(error as Error).message}\n${USAGE}`);
  }
  const parsed = commandSchema.safeParse({ command, ...values });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") === "command" ? "command" : `--${i.path.join(".")}`}: ${i.message}`);
    fail(2, `${problems.join("\n")}\n${USAGE}`);
  }

  try {
    loadKeyMaterial(getConfig());
    await prepareDatabase();
  } catch (error) {
    if (error instanceof ConfigError) fail(1, error.message);
    throw error;
  }

  const args = parsed.data;
  switch (args.command) {
    case "create": {
      const password = await readPassword("Password for the new account (12 characters or more): ");
      const created = await createTherapist({ email: args.email, name: args.name, password });
      console.log(`Created the therapist account ${created.email}. Sign in at /login with the password and a code from the app.`);
      printEnrolment(created.otpauthUrl);
      break;
    }
    case "list": {
      const rows = await listTherapists();
      if (rows.length === 0) console.log('No therapist accounts yet. Create one with: npm run users -- create --email E --name "N"');
      for (const r of rows)
        console.log(
          [r.email, r.name, r.disabled ? "disabled" : "active", r.twoFactor ? "2FA enrolled" : "2FA missing", `last sign-in ${r.lastSignIn?.toISOString() ?? "never"}`].join("\t"),
        );
      break;
    }
    case "disable":
    case "enable":
      await setTherapistDisabled(args.email, args.command === "disable");
      console.log(`${args.email} is ${args.command === "disable" ? "disabled; its sessions have ended" : "enabled"}.`);
      break;
    case "reset-password":
      await resetTherapistPassword(args.email, await readPassword("New password (12 characters or more): "));
      console.log(`The password of ${args.email} is changed; its sessions have ended.`);
      break;
    case "reset-2fa":
      printEnrolment(await resetTherapistTwoFactor(args.email));
      console.log(`The old authenticator entry of ${args.email} no longer works; its sessions have ended.`);
      break;
  }
  await closeDatabases();
}

main().catch((error) => {
  if (error instanceof AccountError) fail(2, error.message);
  if (error instanceof z.ZodError) fail(2, error.issues.map((i) => i.message).join("\n"));
  fail(1, `error: ${(error as Error).message}`);
});
