import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LandingPage } from "@/app/_components/landing-page";
import { resetConfigForTests } from "@/lib/config";

describe("landing page", () => {
  it("says what this is, who reads it, that ketamine is off-label, how long it takes, and the crisis numbers", () => {
    process.env.CLINIC_NAME = "Bloor Street Ketamine Clinic";
    resetConfigForTests();
    try {
      const html = renderToStaticMarkup(createElement(LandingPage)).replace(/<!-- -->/g, "");
      expect(html).toContain("about 19 to 30 minutes, depending on your answers");
      expect(html).toContain("Bloor Street Ketamine Clinic");
      expect(html).toContain("within 2 business days");
      expect(html).toMatch(/<strong>off-label<\/strong>/);
      expect(html).toContain("approved for major depressive disorder, not for bipolar depression");
      expect(html).toContain("does not decide anything by itself");
      expect(html).toContain('href="tel:988"');
      expect(html).toContain('href="sms:988"');
      expect(html).toContain('href="tel:911"');
      expect(html).toContain("local emergency number");
    } finally {
      delete process.env.CLINIC_NAME;
      resetConfigForTests();
    }
  });
});
