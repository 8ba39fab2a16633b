import "server-only";
import { ConfigError } from "@/lib/config";

/** The maintenance CLIs' exits: 2 for bad arguments, 1 for a failure (a configuration problem speaks for itself). */

export function exitWithUsage(usage: string): never {
  process.stderr.write(`usage: ${usage}\n`);
  process.exit(2);
}

export function exitWithFailure(what: string, error: unknown): never {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `${what}: ${(error as Error).message}`}\n`);
  process.exit(1);
}
