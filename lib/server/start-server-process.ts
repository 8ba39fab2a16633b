import "server-only";
import { prepareServer } from "./prepare-server";
import { runRetention } from "./retention";

const RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;

// On globalThis, not in a module variable: Next can evaluate this module more than once in a process
// (separate bundles, dev reloads), and each copy would otherwise start over.
const holder = globalThis as unknown as { __intakeServerStarted?: boolean };

/**
 * The Next server process's start-up (instrumentation.ts): prepareServer (config, keys, migrations,
 * anchor, backfill, retention), then retention daily. Once per process: a second call would repeat
 * the announcements and add a second timer. A start that throws is not marked done.
 */
export function startServerProcess(announce: (line: string) => void = console.log): void {
  if (holder.__intakeServerStarted) return;
  prepareServer(announce);
  setInterval(() => runRetention(), RETENTION_EVERY_MS).unref();
  holder.__intakeServerStarted = true;
}
