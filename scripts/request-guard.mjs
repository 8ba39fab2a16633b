/**
 * Checks on the raw request that must happen before Next's handler, which answers these with a 500
 * (and a stack in the log, and without our security headers): a path that is not valid
 * percent-encoding, a router-state header that does not parse, a body sent without a length (the
 * body ceilings count Content-Length), and Next's image optimizer, which this app never uses.
 */

const SECURITY_HEADERS = {
  "content-type": "text/plain; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "strict-transport-security": "max-age=63072000; includeSubDomains",
};

/** Endpoints that read their own bodies in bounded chunks (a length is not required). */
const STREAMING_BODIES = /^\/api\/intakes\/?$/;
const MAX_TREE_DEPTH = 64;

function depthOf(value, depth = 0) {
  if (depth > MAX_TREE_DEPTH) return depth;
  if (!Array.isArray(value) && (value === null || typeof value !== "object")) return depth;
  let max = depth;
  for (const child of Object.values(value)) max = Math.max(max, depthOf(child, depth + 1));
  return max;
}

/** A refusal `{ status, message }` for a request Next must not see, or null. */
export function malformedRequest(req) {
  const url = req.url ?? "/";
  const pathname = url.split("?")[0];
  try {
    decodeURIComponent(pathname);
  } catch {
    return { status: 400, message: "The address is not valid." };
  }
  if (/^\/_next\/image(\/|$)/.test(pathname)) return { status: 404, message: "Not found." };
  const tree = req.headers["next-router-state-tree"];
  if (tree !== undefined) {
    let parsed;
    try {
      parsed = JSON.parse(decodeURIComponent(String(tree)));
    } catch {
      return { status: 400, message: "The router state header is not valid." };
    }
    if (!Array.isArray(parsed) || depthOf(parsed) > MAX_TREE_DEPTH) return { status: 400, message: "The router state header is not valid." };
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS";
  if (hasBody && req.headers["content-length"] === undefined && req.headers["transfer-encoding"] !== undefined && !STREAMING_BODIES.test(pathname))
    return { status: 411, message: "Send the request with a Content-Length." };
  return null;
}

export function refuse(res, { status, message }) {
  // The body of a refused request is not read: closing the connection stops a client streaming one for ever.
  res.writeHead(status, { ...SECURITY_HEADERS, connection: "close" });
  res.end(`${message}\n`);
}
