/** Runs when a Next.js server process starts: config, secrets and migrations, then requests. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServerProcess } = await import("./lib/server/start-server-process");
    await startServerProcess();
    const { registerFastPaths } = await import("./lib/server/fast-paths");
    registerFastPaths();
  }
}
