import { describe, expect, it } from "vitest";
import { connectionError } from "@/db/pg-client";
import { ConfigError, parseConfig } from "@/lib/config";
import { describeDatabaseUrl, redactDatabaseUrl, scrubPassword } from "@/lib/database-url";

const SECRET = "Sup3r-S3cret/pw";
const encoded = encodeURIComponent(SECRET);

function configProblems(databaseUrl: string): string {
  try {
    parseConfig({ DATABASE_URL: databaseUrl });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return `${(error as Error).message}\n${(error as ConfigError).problems.join("\n")}`;
  }
  throw new Error("expected a ConfigError");
}

describe("DATABASE_URL", () => {
  it("is optional: unset means SQLite as before", () => {
    expect(parseConfig({}).databaseUrl).toBeUndefined();
    expect(parseConfig({ DATABASE_URL: "" }).databaseUrl).toBeUndefined();
  });

  it.each(["postgres://app:pw@db.example.org:5432/intake", "postgresql://app:pw@127.0.0.1/intake?sslmode=verify-full", "postgresql:///intake?host=/run/postgresql"])(
    "accepts %s",
    (url) => expect(parseConfig({ DATABASE_URL: url }).databaseUrl).toBe(url),
  );

  it.each([
    `mysql://app:${encoded}@db.example.org/intake`,
    `https://app:${encoded}@db.example.org/intake`,
    `app:${encoded}@db.example.org/intake`,
    `postgres://app:${encoded}@[db.example.org/intake`,
    `${SECRET}`,
  ])("rejects %s naming DATABASE_URL, never quoting the password", (url) => {
    const text = configProblems(url);
    expect(text).toMatch(/DATABASE_URL: must be a PostgreSQL URL/);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(encoded);
  });
});

describe("password redaction", () => {
  const url = `postgresql://intake_app:${encoded}@db.example.org:6432/intake`;

  it("describes the server without the password", () => {
    expect(describeDatabaseUrl(url)).toBe("db.example.org:6432, database intake, user intake_app");
    expect(redactDatabaseUrl(url)).toBe("postgresql://intake_app:***@db.example.org:6432/intake");
    expect(redactDatabaseUrl(`postgres://u:${SECRET}@[broken`)).not.toContain(SECRET);
  });

  it("scrubs the password (as written and decoded) and the URL out of foreign text", () => {
    const text = scrubPassword(`failed for ${url}; password ${SECRET} or ${encoded}`, url);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(encoded);
    expect(text).toContain("intake_app:***@db.example.org");
  });

  it("keeps the password out of connection errors, even when the driver quotes it", () => {
    for (const cause of [
      Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:6432"), { code: "ECONNREFUSED" }),
      Object.assign(new Error(`password authentication failed for user "intake_app"`), { code: "28P01" }),
      new Error(`something odd about ${url} and ${SECRET}`),
      new Error("timeout expired"),
    ]) {
      const error = connectionError(url, cause);
      const text = `${error.message}\n${error.stack ?? ""}\n${JSON.stringify(error)}`;
      expect(error.message).toMatch(/^DATABASE_URL: cannot use PostgreSQL at db\.example\.org:6432/);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(encoded);
    }
  });
});
