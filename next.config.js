import { JSON_API_CSP, SECURITY_HEADERS } from "./scripts/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3"],
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*"] },
  experimental: {
    // Server actions carry one step of the form at most; refuse anything larger.
    serverActions: { bodySizeLimit: "256kb" },
  },
  async headers() {
    return [
      {
        // Routes the proxy skips still get a policy: JSON needs no scripts at all.
        source: "/api/:path(intakes|health)",
        headers: [{ key: "Content-Security-Policy", value: JSON_API_CSP }],
      },
      {
        source: "/:path*",
        headers: SECURITY_HEADERS,
      },
    ];
  },
};

export default nextConfig;
