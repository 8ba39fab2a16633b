/**
 * Progress of long command-line work (key re-encryption, backup, restore, benchmark seeding)
 * against a known total, with the time left, redrawn on one line of stderr. Only in a terminal:
 * in CI, or when stderr is a pipe or a file, it writes nothing, so logs and tests see only results.
 */

interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

interface ProgressOptions {
  stream?: ProgressStream;
  env?: Record<string, string | undefined>;
  now?: () => number;
  /** Redraw at most this often (the last update always draws). */
  intervalMs?: number;
}

interface Progress {
  /** How much of the total is done so far. */
  update(done: number): void;
  /** Ends the line (when it was ever drawn). Call it also when the work stops early. */
  finish(): void;
}

const QUIET: Progress = { update() {}, finish() {} };

/** CI=true (or any value but empty, 0 or false) means no progress, even on a terminal. */
export function isCi(env: Record<string, string | undefined>): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** e.g. "Re-encrypting values: 1,200 of 5,000 (24%), about 13 s left". */
export function formatProgress(label: string, done: number, total: number, elapsedMs: number): string {
  const shown = Math.min(done, total);
  const percent = total > 0 ? Math.floor((shown / total) * 100) : 100;
  // The rate so far predicts the rest; nothing to predict from before the first unit or after the last.
  const left = shown > 0 && shown < total ? `, about ${formatDuration((elapsedMs / shown) * (total - shown))} left` : "";
  return `${label}: ${shown.toLocaleString("en")} of ${total.toLocaleString("en")} (${percent}%)${left}`;
}

export function startProgress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  // Nothing to do, nothing to show.
  if (total <= 0 || stream.isTTY !== true || isCi(options.env ?? process.env)) return QUIET;
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 200;
  const started = now();
  let drawnAt: number | undefined;
  let drawn: number | undefined;
  let finished = false;
  return {
    update(done) {
      if (finished || done === drawn) return;
      const at = now();
      if (drawnAt !== undefined && at - drawnAt < intervalMs && done < total) return;
      drawnAt = at;
      drawn = done;
      // Carriage return and erase-to-end-of-line: the line is redrawn in place.
      stream.write(`\r${formatProgress(label, done, total, at - started)}\x1b[K`);
    },
    finish() {
      if (finished) return;
      finished = true;
      if (drawnAt !== undefined) stream.write("\n");
    },
  };
}

/** Runs `work` with a progress line that is ended however the work ends (a result, a throw, a rejection). */
export function withProgress<T>(label: string, total: number, work: (update: (done: number) => void) => T, options?: ProgressOptions): T {
  const progress = startProgress(label, total, options);
  let result: T;
  try {
    result = work((done) => progress.update(done));
  } catch (error) {
    progress.finish();
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => progress.finish()) as T;
  progress.finish();
  return result;
}
