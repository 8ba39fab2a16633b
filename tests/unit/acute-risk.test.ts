import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { questionnaireFor, type ItemDef } from "@/lib/questionnaire";
import { ACUTE_RISK, acuteRisksIn, callNow, FOLLOW_UP_OPENERS, followUpLeadIn, isSuicideFollowUp } from "@/lib/intake-wizard/acute-risk";
import { isCrisisTriggered } from "@/lib/intake-wizard/crisis-trigger";
import { CrisisBanner } from "@/app/_components/crisis-numbers";

/** Issue 16, point 1: answering acute risk where the person is, and saying back what opened the follow-ups. */

const numbers = parseConfig({}).crisisNumbers;
const itemOf = (version: string, id: string): ItemDef | undefined => questionnaireFor(version).sections.flatMap((s) => s.items).find((i) => i.id === id);
const text = (html: string) => html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();

describe("acute-risk answers", () => {
  it("name real options of both versions, and each is a crisis trigger too", () => {
    for (const version of ["1", "2"])
      for (const { item, said } of ACUTE_RISK) {
        const def = itemOf(version, item);
        expect(def?.type, `${item} in version ${version}`).toBe("enum");
        for (const value of Object.keys(said)) {
          expect(def?.type === "enum" && def.options.some((o) => o.value === value), `${item}=${value}`).toBe(true);
          expect(isCrisisTriggered({ [item]: value }), `${item}=${value} brings up the crisis numbers`).toBe(true);
        }
      }
  });

  it("are said back most urgent first, and nothing is said for reassuring answers", () => {
    expect(acuteRisksIn({ si_safe_now: "no", si_plan: "yes" })).toEqual([
      "You said you don't feel safe right now",
      "You said you have thought about how you would do it, or made a plan",
    ]);
    expect(acuteRisksIn({ si_safe_now: "yes", si_intent: "no", si_plan: "no", si_thoughts_past_month: "yes" })).toEqual([]);
    expect(acuteRisksIn({ si_intent: "unsure" })).toHaveLength(1);
  });

  it("say what to do in the configured numbers of the person's country", () => {
    expect(callNow(numbers, "CA").text).toBe("call or text 9-8-8 now");
    expect(callNow(numbers, "other").text).toBe(numbers.other.emergencyText);
    const custom = parseConfig({ CRISIS_NUMBERS: JSON.stringify({ ...numbers, US: { ...numbers.US, lines: [{ label: "Line", number: "5551234", display: "555-1234", sms: false }] } }) }).crisisNumbers;
    expect(callNow(custom, "US").text).toBe("call 555-1234 now");
  });
});

describe("the suicide follow-ups' lead-in", () => {
  it("exists for every condition that opens the follow-ups", () => {
    expect(FOLLOW_UP_OPENERS).toEqual(["si_thoughts_past_month", "phq9_9"]);
    expect(followUpLeadIn({ phq9_9: 1, si_thoughts_past_month: "no" })).toBe(
      "You said that over the last 2 weeks you have had thoughts that you would be better off dead or of hurting yourself in some way.",
    );
    expect(followUpLeadIn({ si_thoughts_past_month: "yes" })).toMatch(/^You said you have had thoughts of ending your life/);
    expect(followUpLeadIn({ si_thoughts_past_month: "prefer_to_discuss" })).toMatch(/rather talk about thoughts of ending your life in person/);
    expect(followUpLeadIn({ si_thoughts_past_month: "no", phq9_9: 0 })).toBeUndefined();
  });

  it("stands above exactly the intent and plan questions in both versions", () => {
    for (const version of ["1", "2"]) {
      const items = questionnaireItems(version).filter(isSuicideFollowUp).map((i) => i.id);
      expect(items, `version ${version}`).toEqual(["si_intent", "si_plan"]);
    }
  });
});

describe("the crisis banner", () => {
  it("is one line with one number link and a collapsed full panel", () => {
    const html = renderToStaticMarkup(createElement(CrisisBanner, { numbers, country: "CA", reviewWindow: "within 2 business days" }));
    const line = html.slice(0, html.indexOf("<details"));
    expect(text(line)).toBe("Need help now? Call or text 9-8-8");
    expect(line.match(/<a /g)).toHaveLength(1);
    expect(html).toMatch(/<details[^>]*><summary>More help<\/summary>/);
    expect(html).not.toMatch(/<details[^>]* open/);
    expect(html).not.toContain("<aside"); // no landmark inside the banner's own region
    expect(text(html)).toContain("9-8-8 Suicide Crisis Helpline");
  });
  it("gives the emergency sentence where there is no crisis line", () => {
    const html = renderToStaticMarkup(createElement(CrisisBanner, { numbers, country: "other", reviewWindow: "within 2 business days" }));
    expect(text(html.slice(0, html.indexOf("<details")))).toBe(numbers.other.emergencyText);
  });
});

function questionnaireItems(version: string): ItemDef[] {
  return questionnaireFor(version).sections.flatMap((s) => s.items);
}
