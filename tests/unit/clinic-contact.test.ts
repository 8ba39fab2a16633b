import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";
import { contactSentence } from "@/lib/clinic-contact";
import { privacyNotice } from "@/lib/privacy-notice";
import { resumeLinkEmail } from "@/lib/notify/resume-link-email";
import { fullAnswersV2 } from "../fixtures/intakes";

const problems = (env: Record<string, string>): string[] => {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("the clinic's phone and e-mail (CLINIC_PHONE, CLINIC_EMAIL)", () => {
  it("are unset by default, and then no sentence offers them", () => {
    const config = parseConfig({});
    expect(config.clinicContact).toEqual({ phone: undefined, email: undefined });
    expect(contactSentence(config.clinicName, config.clinicContact)).toBeUndefined();
    const text = JSON.stringify(privacyNotice(config.clinicName, config.reviewWindow, config.clinicContact));
    expect(text).not.toMatch(/phone|e-mail|undefined/);
  });

  it("keep the number as written and dial its digits", () => {
    expect(parseConfig({ CLINIC_PHONE: " 416-555-0100 " }).clinicContact.phone).toEqual({ display: "416-555-0100", dial: "4165550100" });
    expect(parseConfig({ CLINIC_PHONE: "+1 (416) 555.0100" }).clinicContact.phone).toEqual({ display: "+1 (416) 555.0100", dial: "+14165550100" });
    expect(parseConfig({ CLINIC_PHONE: "(416) 555-0100" }).clinicContact.phone?.dial).toBe("4165550100");
    expect(parseConfig({ CLINIC_EMAIL: "intake@clinic.example" }).clinicContact.email).toBe("intake@clinic.example");
  });

  it("name the variable when a value is wrong", () => {
    for (const bad of ["call us", "416-555", "1234567890123456", "416 555 0100 ext. 3", "+", "555-0100; drop"]) {
      expect(problems({ CLINIC_PHONE: bad }), bad).toEqual([expect.stringMatching(/^CLINIC_PHONE: must be a phone number such as 416-555-0100/)]);
    }
    expect(problems({ CLINIC_EMAIL: "intake at clinic" })).toEqual([expect.stringMatching(/^CLINIC_EMAIL: must be an e-mail address/)]);
    expect(problems({ CLINIC_PHONE: "x", CLINIC_EMAIL: "y" }).map((p) => p.split(":")[0])).toEqual(["CLINIC_PHONE", "CLINIC_EMAIL"]);
  });

  it("appear in the privacy notice's rights section, either alone or both", () => {
    const rights = (env: Record<string, string>) => {
      const c = parseConfig({ CLINIC_NAME: "Lakeshore Clinic", ...env });
      return privacyNotice(c.clinicName, c.reviewWindow, c.clinicContact).find((s) => s.heading === "Your rights")!.paragraphs;
    };
    expect(rights({ CLINIC_PHONE: "416-555-0100", CLINIC_EMAIL: "intake@clinic.example" }).at(-1)).toBe(
      "To contact Lakeshore Clinic, phone 416-555-0100 or e-mail intake@clinic.example.",
    );
    expect(rights({ CLINIC_PHONE: "416-555-0100" }).at(-1)).toBe("To contact Lakeshore Clinic, phone 416-555-0100.");
    expect(rights({ CLINIC_EMAIL: "intake@clinic.example" }).at(-1)).toBe("To contact Lakeshore Clinic, e-mail intake@clinic.example.");
    expect(rights({})).toHaveLength(1);
  });
});

describe("the resume-link e-mail", () => {
  const url = "https://intake.clinic.example/intake/resume/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  const mail = resumeLinkEmail("Lakeshore Clinic", url, "1 December 2026");

  it("holds the link, when it stops working, and the clinic's name", () => {
    expect(mail.subject).toBe("Your link from Lakeshore Clinic");
    expect(mail.text).toContain(`\n${url}\n`);
    expect(mail.text).toContain("until 1 December 2026");
    expect(mail.text).toContain("Lakeshore Clinic");
  });

  it("says nothing about health, treatment or the person", () => {
    // The link is the only part not written here (its path says /intake/resume/).
    const words = `${mail.subject}\n${mail.text.replace(url, "")}`.toLowerCase();
    for (const w of ["ketamine", "bipolar", "depress", "mood", "therap", "mental", "psych", "suicid", "treatment", "health", "medic", "diagnos", "intake", "patient", "client"])
      expect(words, w).not.toContain(w);
    // No answer of a full intake (names, phone, e-mail, free text) can be in it: the function never receives one.
    for (const value of Object.values(fullAnswersV2())) if (typeof value === "string" && value.length > 3) expect(mail.text).not.toContain(value);
  });
});
