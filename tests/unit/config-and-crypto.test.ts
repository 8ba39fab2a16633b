import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_CRISIS_NUMBERS, parseConfig } from "@/lib/config";
import { decryptWith, encryptWith } from "@/lib/crypto/field-encryption";
import { nameTokens } from "@/lib/questionnaire/text";

describe("configuration", () => {
  it("defaults to 9-8-8 and 911 for Canada and the US, the local number elsewhere, and a 2-business-day window", () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.timeZone).toBe("America/Toronto");
    expect(config.reviewWindow).toBe("within 2 business days");
    for (const country of ["CA", "US"] as const) {
      expect(config.crisisNumbers[country].lines.map((l) => [l.number, l.sms])).toEqual([["988", true], ["911", false]]);
    }
    expect(config.crisisNumbers.other.emergencyText).toContain("local emergency number");
    expect(config.databasePath.endsWith("data/intake.db")).toBe(true);
    expect(config.keysDir.endsWith("/keys")).toBe(true);
    expect([config.draftsPerHour, config.draftSavesPerHour, config.draftSaveMbPerHour]).toEqual([20, 4000, 256]);
  });
  it("reads crisis numbers per country from CRISIS_NUMBERS", () => {
    const custom = { ...DEFAULT_CRISIS_NUMBERS, other: { lines: [{ label: "Samaritans", number: "116123", display: "116 123", sms: false }], emergencyText: "Call 999." } };
    expect(parseConfig({ CRISIS_NUMBERS: JSON.stringify(custom) }).crisisNumbers.other.lines[0]!.number).toBe("116123");
  });
  it("reads the clinic's description of treatment from CLINIC_TREATMENT_DESCRIPTION, defaulting to the seed's, and names it when too short", () => {
    expect(parseConfig({}).treatmentDescription).toContain("0.5 mg for each kg of your body weight, over 40 minutes");
    expect(parseConfig({ CLINIC_TREATMENT_DESCRIPTION: "  Six infusions over three weeks.  " }).treatmentDescription).toBe("Six infusions over three weeks.");
    expect(() => parseConfig({ CLINIC_TREATMENT_DESCRIPTION: "IV" })).toThrow(/CLINIC_TREATMENT_DESCRIPTION: must describe the treatment/);
  });

  it("reads COURSE_THRESHOLDS into the course rule set (custom version), and names a wrong name or value", () => {
    expect(parseConfig({}).courseRuleSet.version).toBe("course-1");
    const custom = parseConfig({ COURSE_THRESHOLDS: '{"bpSevereSystolic":170}' }).courseRuleSet;
    expect(custom.thresholds.bpSevereSystolic).toBe(170);
    expect(custom.thresholds.bpSevereDiastolic).toBe(110);
    expect(custom.version).toMatch(/^course-1-custom-[0-9a-f]{8}$/);
    expect(parseConfig({ COURSE_THRESHOLDS: '{"bpSevereSystolic":170}' }).courseRuleSet.version).toBe(custom.version);
    expect(parseConfig({ COURSE_THRESHOLDS: '{"bpSevereSystolic":180}' }).courseRuleSet.version).toBe("course-1");
    // The intake's thresholds are a separate variable: a course override leaves them alone.
    expect(parseConfig({ COURSE_THRESHOLDS: '{"bpSevereSystolic":170}' }).ruleSets["2"].version).toBe("2");
    expect(() => parseConfig({ COURSE_THRESHOLDS: '{"doseCeiling":2}' })).toThrow(/COURSE_THRESHOLDS: unknown threshold "doseCeiling"; known: bpSevereSystolic, /);
    expect(() => parseConfig({ COURSE_THRESHOLDS: '{"spo2Low":"low"}' })).toThrow("COURSE_THRESHOLDS.spo2Low: must be a number");
    expect(() => parseConfig({ COURSE_THRESHOLDS: '{"spo2Low":-1}' })).toThrow("COURSE_THRESHOLDS.spo2Low: must be 0 or more");
    expect(() => parseConfig({ COURSE_THRESHOLDS: "{oops" })).toThrow("COURSE_THRESHOLDS: must be valid JSON");
    expect(() => parseConfig({ COURSE_THRESHOLDS: "[1]" })).toThrow("COURSE_THRESHOLDS: must be a JSON object of threshold names and numbers");
  });

  it("names every bad variable", () => {
    try {
      parseConfig({ PORT: "99999", CLINIC_TIME_ZONE: "Nowhere/Here", PUBLIC_ORIGIN: "not a url", DRAFTS_PER_HOUR: "0", DRAFT_SAVES_PER_HOUR: "lots", DRAFT_SAVE_MB_PER_HOUR: "1.5" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ["PORT", "CLINIC_TIME_ZONE", "PUBLIC_ORIGIN", "DRAFTS_PER_HOUR", "DRAFT_SAVES_PER_HOUR", "DRAFT_SAVE_MB_PER_HOUR"]) expect(message).toContain(name);
    }
  });
});

describe("field encryption", () => {
  const ring = (active: string, ...ids: string[]) => ({ activeId: active, keys: new Map(ids.map((id) => [id, randomBytes(32)])) });
  it("round-trips, records the key id, and binds the value to its row", () => {
    const keys = ring("k1", "k1");
    const stored = encryptWith(keys, "Zoë — 416-555-0142", "intakes.abc.contact");
    expect(stored.split(".")[1]).toBe("k1");
    expect(stored).not.toContain("416");
    expect(decryptWith(keys, stored, "intakes.abc.contact")).toBe("Zoë — 416-555-0142");
    expect(() => decryptWith(keys, stored, "intakes.other.contact")).toThrow();
  });
  it("decrypts values written under an older key after a new key becomes active", () => {
    const old = ring("k1", "k1");
    const stored = encryptWith(old, "answers", "aad");
    const rotated = { activeId: "k2", keys: new Map([["k2", randomBytes(32)], ["k1", old.keys.get("k1")!]]) };
    expect(decryptWith(rotated, stored, "aad")).toBe("answers");
    expect(encryptWith(rotated, "x", "aad").split(".")[1]).toBe("k2");
  });
  it("refuses tampered ciphertext", () => {
    const keys = ring("k1", "k1");
    const parts = encryptWith(keys, "secret", "aad").split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptWith(keys, parts.join("."), "aad")).toThrow();
  });
});

describe("name tokens for the blind index", () => {
  it("folds case and accents and splits names into tokens", () => {
    expect(nameTokens("Zoë Bélanger-Nguyễn")).toEqual(["zoe", "belanger", "nguyen"]);
    expect(nameTokens("Łukasz Øster")).toEqual(["lukasz", "oster"]);
  });
});
