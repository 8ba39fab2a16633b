/**
 * The HTTP server: Next's request handler behind a plain node:http server, so the client address
 * the app sees is one it can trust. Without --trust-proxy the socket's address replaces any
 * X-Forwarded-For a client sent (which `next start` would pass through); with it (one reverse proxy
 * in front) the last entry, the one the proxy added, is kept.
 * Started by scripts/serve.ts after configuration, keys and migrations are ready; serve.ts passes
 * --trust-proxy when TRUST_PROXY is true (parsed once, by lib/config.ts).
 */
import http from "node:http";
import next from "next";
import { malformedRequest, refuse } from "./request-guard.mjs";
import { JSON_API_CSP, SECURITY_HEADERS } from "./security-headers.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";
const trustProxy = process.argv.includes("--trust-proxy");

// lib/server/fast-paths.ts registers these from inside Next's bundle once the server has started.
const FAST_PATHS = Symbol.for("ketamine-intake.fast-paths");
const API_HEADERS = { ...Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key.toLowerCase(), h.value])), "content-security-policy": JSON_API_CSP };

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

http
  .createServer((req, res) => {
    const problem = malformedRequest(req);
    if (problem) return refuse(res, problem);
    const forwarded = String(req.headers["x-forwarded-for"] ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const address = trustProxy && forwarded.length > 0 ? forwarded.at(-1) : req.socket.remoteAddress;
    req.headers["x-forwarded-for"] = (address ?? "").replace(/^::ffff:/, "");
    delete req.headers["x-real-ip"];
    // The intake API and the check-in's send in production: the same handlers Next would run, without the framework's pipeline.
    const fast = dev ? undefined : globalThis[FAST_PATHS]?.[`${req.method} ${req.url?.split("?")[0]}`];
    if (fast) {
      fast(req, res, API_HEADERS).catch(() => {
        if (res.headersSent) res.destroy();
        else refuse(res, { status: 500, message: "This could not be stored. Nothing was saved; please try again." });
      });
      return;
    }
    handle(req, res);
  })
  .listen(port, hostname, () => console.log(`✓ Ready on http://${hostname}:${port}`));
