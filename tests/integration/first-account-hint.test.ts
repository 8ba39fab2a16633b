import { describe, expect, it } from "vitest";
import { prepareServer } from "@/lib/server/prepare-server";
import { createTherapist } from "@/lib/auth/accounts";
import { closeDb } from "@/db/client";

describe("a fresh install", () => {
  it("says at start-up how to create the first therapist account, until one exists", async () => {
    const lines: string[] = [];
    await prepareServer((line) => lines.push(line));
    expect(lines).toContain('No therapist account exists yet. Create the first one with: npm run users -- create --email you@clinic.example --name "Your name"');
    await createTherapist({ email: "first@clinic.example", name: "First Therapist", password: "marble orchard quiet 4412 sail" });
    const again: string[] = [];
    await prepareServer((line) => again.push(line));
    expect(again.some((l) => l.includes("No therapist account"))).toBe(false);
    closeDb();
  });
});
