import "server-only";
import { prepareServer } from "./prepare-server";
import { runRetention } from "./retention";

const RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;

// On globalThis, not in a module variable: Next can evaluate this module more than once in a process
// (separate bundles, dev reloads), and each copy would otherwise start over.
const holder = globalThis as unknown as { __intakeServerStart?: Promise<void> };

/**
 * The Next server process's start-up (instrumentation.ts): prepareServer (config, keys, migrations,
 * anchor, backfill, retention), then retention daily. Once per process: a second call waits for the
 * first instead of repeating the announcements and adding a second timer. A start that throws is
 * not kept, so the next call tries again.
 */
export function startServerProcess(announce: (line: string) => void = console.log): Promise<void> {
  holder.__intakeServerStart ??= (async () => {
    await prepareServer(announce);
    setInterval(() => void runRetention(), RETENTION_EVERY_MS).unref();
  })().catch((error: unknown) => {
    delete holder.__intakeServerStart;
    throw error;
  });
  return holder.__intakeServerStart;
}
