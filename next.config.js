/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3"],
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*"] },
};

export default nextConfig;
