import { defineConfig } from "drizzle-kit";

// The PostgreSQL dialect (DATABASE_URL=postgres://…); drizzle.config.ts is SQLite's. Generating
// needs no server: `drizzle-kit generate --config drizzle-pg.config.ts`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema-pg.ts",
  out: "./db/migrations-pg",
});
