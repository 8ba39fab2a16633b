import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SEVERITIES } from "@/lib/assessment";
import { assessCourse, CHECKIN_ITEMS, COURSE_RULE_SET_1, parseCourse, SESSION_FIELDS, validateCheckinAnswers, type CourseAssessment } from "@/lib/course";
import type { ItemDef } from "@/lib/questionnaire/types";
import { answerFor } from "../support/random-answers";
import { calmAnswers, calmSession, courseJson } from "../support/course-cases";

/** Properties of course-1 over random valid courses: deterministic, total, evidence only from fields present. */

const options = { receivedAt: new Date("2026-11-20T12:00:00Z"), timeZone: "America/Toronto" };
// Enums, lists and scale items vary at random; numbers vary below in valid pairs.
const scalar = (items: readonly ItemDef[]) => items.filter((i) => i.type === "enum" || i.type === "multi" || (i.type === "int" && i.choices));
const changes = (items: readonly ItemDef[]) =>
  fc.array(fc.constantFrom(...scalar(items)).chain((item) => answerFor(item).map((value) => [item.id, value] as const)), { maxLength: 12 });

const pair = fc.integer({ min: 30, max: 159 }).chain((d) => fc.integer({ min: Math.max(60, d + 1), max: 260 }).map((s) => [s, d] as const));
const session = fc
  .record({
    cs: changes(SESSION_FIELDS as readonly ItemDef[]),
    pre: pair,
    discharge: pair,
    at40: fc.option(pair),
    spo2: fc.option(fc.integer({ min: 50, max: 100 })),
    weight: fc.double({ min: 30, max: 350, noNaN: true }),
    dose: fc.double({ min: 0, max: 1000, noNaN: true }),
  })
  .map(({ cs, pre, discharge, at40, spo2, weight, dose }) => ({
    ...calmSession(Object.fromEntries(cs)),
    weight_kg: weight,
    dose_mg: dose,
    bp_pre_systolic: pre[0],
    bp_pre_diastolic: pre[1],
    bp_discharge_systolic: discharge[0],
    bp_discharge_diastolic: discharge[1],
    ...(at40 ? { bp_40min_systolic: at40[0], bp_40min_diastolic: at40[1] } : {}),
    ...(spo2 !== null ? { spo2_lowest: spo2 } : {}),
  }));
const checkin = fc.tuple(changes(CHECKIN_ITEMS), fc.option(pair)).map(([cs, bp]) => {
  const raw = calmAnswers(Object.fromEntries(cs));
  const followUps = raw.si_thoughts_since_last !== "no" || (raw.phq9_9 as number) >= 1;
  if (followUps) Object.assign(raw, { si_intent: raw.si_intent ?? "no", si_plan: raw.si_plan ?? "no" });
  else {
    delete raw.si_intent;
    delete raw.si_plan;
  }
  if (bp) Object.assign(raw, { home_bp_systolic: bp[0], home_bp_diastolic: bp[1], home_bp_date: "2026-10-04" });
  return raw;
});
const course = fc
  .record({
    baselinePhq9: fc.integer({ min: 0, max: 27 }),
    plannedAcuteSessions: fc.integer({ min: 1, max: 12 }),
    sessions: fc.array(session, { maxLength: 8 }),
    checkins: fc.array(checkin, { maxLength: 5 }),
  })
  .map((c) =>
    courseJson({
      ...c,
      sessions: c.sessions.map((s, i) => ({ ...s, session_date: `2026-10-${String(i + 2).padStart(2, "0")}` })),
      checkins: c.checkins.map((answers, i) => ({ submittedAt: `2026-10-${String(i + 10).padStart(2, "0")}T14:00:00Z`, answers })),
    }),
  );

function assessed(body: unknown): CourseAssessment | undefined {
  const result = parseCourse(body, options);
  return result.ok ? assessCourse(result.course, COURSE_RULE_SET_1) : undefined;
}

describe("course-1 properties", () => {
  it("generates mostly valid courses (so the properties below say something)", () => {
    const valid = fc.sample(course, 200).filter((b) => assessed(b) !== undefined).length;
    expect(valid).toBeGreaterThan(150);
  });
  it("is deterministic and total: the same course gives the same output, and every list is sorted by severity then id", () => {
    fc.assert(
      fc.property(course, (body) => {
        const a = assessed(body);
        if (!a) return;
        expect(assessed(structuredClone(body))).toEqual(a);
        for (const flags of [...a.sessions.map((s) => s.flags), ...a.checkins.map((c) => c.flags), a.course.flags]) {
          const keys = flags.map((f) => [SEVERITIES.indexOf(f.severity), f.id] as const);
          expect(keys).toEqual([...keys].sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1)));
          for (const f of flags) expect(SEVERITIES).toContain(f.severity);
        }
      }),
      { numRuns: 150 },
    );
  });
  it("evidence cites only fields present in the record (or the baseline and the previous check-in), with their values", () => {
    fc.assert(
      fc.property(course, (body) => {
        const a = assessed(body);
        if (!a) return;
        const parsed = parseCourse(body, options);
        if (!parsed.ok) return;
        a.sessions.forEach((s, i) => {
          const record = parsed.course.sessions[i] as Record<string, unknown>;
          for (const f of s.flags) for (const e of f.evidence) expect(e.answer).toEqual(record[e.item]);
        });
        a.checkins.forEach((c, i) => {
          const answers = parsed.course.checkins[i]!.answers as Record<string, unknown>;
          const outside: Record<string, unknown> = {
            baselinePhq9: parsed.course.baselinePhq9,
            "previous_checkin.mania_symptoms_past_week": parsed.course.checkins[i - 1]?.answers.mania_symptoms_past_week,
          };
          for (const f of c.flags) {
            expect(f.evidence.length).toBeGreaterThan(0);
            for (const e of f.evidence) {
              expect(e.answer).not.toBeUndefined();
              expect(e.answer).toEqual(e.item in answers ? answers[e.item] : outside[e.item]);
            }
          }
        });
      }),
      { numRuns: 150 },
    );
  });
  it("more concern never removes a flag it does not suppress: adding a side effect keeps every other check-in flag", () => {
    fc.assert(
      fc.property(checkin, fc.constantFrom("urinary_pain_or_urgency", "craving_or_use_outside_treatment", "dissociation_next_day"), (raw, extra) => {
        const before = validateCheckinAnswers(raw, { referenceDate: "2026-10-10" });
        if (before.errors.length > 0) return;
        const list = (raw.side_effects as string[]).filter((s) => s !== "none");
        const after = { ...raw, side_effects: [...new Set([...list, extra])] };
        const ids = (r: Record<string, unknown>) => {
          const a = assessed(courseJson({ checkins: [{ submittedAt: "2026-10-10T14:00:00Z", answers: r }] }));
          return a ? a.checkins[0]!.flags.map((f) => f.id) : [];
        };
        const was = ids(raw).filter((id) => !["URINARY_SYMPTOMS", "CRAVING_OR_MISUSE", "LINGERING_DISSOCIATION", "COGNITIVE_COMPLAINT"].includes(id));
        for (const id of was) expect(ids(after)).toContain(id);
      }),
      { numRuns: 60 },
    );
  });
});
