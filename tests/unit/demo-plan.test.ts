import { describe, expect, it } from "vitest";
import { outcomeOf } from "@/lib/course/outcome";
import { DEMO_CLIENTS } from "@/lib/demo/clients";
import { demoEmail, demoPlan, finalPhq9, phq9Items } from "@/lib/demo/plan";
import { seededRandom } from "@/lib/demo/random";

const now = new Date("2026-12-01T15:00:00Z");
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

describe("the demo plan", () => {
  it("is the same for the same run and day, and another for another run", () => {
    expect(JSON.stringify(demoPlan({ run: 1, now, dateOf }))).toBe(JSON.stringify(demoPlan({ run: 1, now, dateOf })));
    expect(JSON.stringify(demoPlan({ run: 2, now, dateOf }))).not.toBe(JSON.stringify(demoPlan({ run: 1, now, dateOf })));
  });

  it("ends each trajectory inside its outcome's band, for every measurable baseline", () => {
    const expected = { remission: "remission", response: "response", partial: "partial_response", none: "no_response" } as const;
    const random = seededRandom(7);
    for (let baseline = 10; baseline <= 27; baseline++)
      for (const trajectory of ["remission", "response", "partial", "none"] as const)
        for (let i = 0; i < 20; i++) expect([baseline, trajectory, outcomeOf(baseline, finalPhq9(random, baseline, trajectory))]).toEqual([baseline, trajectory, expected[trajectory]]);
  });

  it("splits a PHQ-9 total over the items, item 9 as asked", () => {
    const items = phq9Items(seededRandom(1), 17, 2);
    expect(Object.values(items).reduce((a, b) => a + b, 0)).toBe(17);
    expect(items.phq9_9).toBe(2);
  });

  it("dates nothing in the future, keeps every step after the course start, and uses fictional names and addresses", () => {
    const plan = demoPlan({ run: 1, now, dateOf });
    expect(plan).toHaveLength(DEMO_CLIENTS.length);
    for (const client of plan) {
      expect(client.body.answers.full_name).toMatch(/^Demo Client \d\d$/);
      expect(client.body.answers.email).toBe(demoEmail(1, client.number));
      expect(client.body.answers.email).toMatch(/@example\.invalid$/);
      for (const s of client.statuses) expect(s.at.getTime()).toBeLessThan(client.course?.startAt.getTime() ?? now.getTime());
      for (const step of client.course?.steps ?? []) {
        const at = step.kind === "checkin" ? step.submitAt : step.at;
        expect(at.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(at.getTime()).toBeGreaterThan(client.course!.startAt.getTime());
      }
    }
  });
});
