/** Runs once when a Next.js server process starts: config, secrets and migrations, then requests. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareServer } = await import("./lib/server/prepare-server");
    await prepareServer();
    const { runRetention } = await import("./lib/server/retention");
    setInterval(() => void runRetention(), 24 * 60 * 60 * 1000).unref();
  }
}
