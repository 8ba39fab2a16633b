import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { useMigratedDatabase } from "../support/database";
import { postIntake } from "../support/api";
import { fullIntake } from "../fixtures/intakes";

useMigratedDatabase();

/** Strings of the body that must never come back in an error (answer values; keys may be named). */
function valuesOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => valuesOf(v, out));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => valuesOf(v, out));
  return out;
}

const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.constantFrom("__proto__", "constructor", "prototype", "\u202Eevil", "\u0000", "' OR 1=1 --", "<script>alert(1)</script>", "NaN", "1e309"),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

const deep = (depth: number): unknown => (depth === 0 ? "bottom" : { a: [deep(depth - 1)] });

const answerKeys = Object.keys(fullIntake().answers);
const mutatedIntake = fc
  .record({
    key: fc.oneof(fc.constantFrom(...answerKeys), fc.constantFrom("__proto__", "constructor", "unknown_item", "phq9_1[0]")),
    value: fc.oneof(nasty, fc.array(nasty, { maxLength: 5 }), fc.dictionary(fc.string({ maxLength: 8 }), nasty, { maxKeys: 4 })),
  })
  .map(({ key, value }) => {
    const body = fullIntake({}, { submittedAt: undefined }) as Record<string, unknown>;
    const answers = { ...(body.answers as Record<string, unknown>) };
    Object.defineProperty(answers, key, { value, enumerable: true, configurable: true, writable: true });
    return { ...body, answers };
  });

const anyBody = fc.oneof(
  fc.jsonValue(),
  mutatedIntake,
  fc.record({ questionnaire: nasty, version: nasty, submittedAt: nasty, answers: fc.oneof(nasty, fc.dictionary(fc.string({ maxLength: 12 }), nasty)) }),
  fc.integer({ min: 50, max: 3000 }).map((d) => ({ ...fullIntake(), answers: { ...fullIntake().answers, full_name: deep(d) } })),
);

describe("POST /api/intakes under random and adversarial input", () => {
  it("never answers 5xx; every refusal names an item and echoes no value", async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        const raw = JSON.stringify(body) ?? "null";
        const response = await postIntake(undefined, { rawBody: raw });
        expect([201, 400, 413]).toContain(response.status);
        if (response.status === 201) return;
        expect(Array.isArray(response.body.errors)).toBe(true);
        for (const error of response.body.errors as { item: unknown; message: unknown }[]) {
          expect(typeof error.item).toBe("string");
          expect((error.item as string).length).toBeGreaterThan(0);
          expect(typeof error.message).toBe("string");
          for (const v of valuesOf(body)) if (v.length >= 6 && !/^[a-z_0-9]+$/.test(v)) expect(error.message).not.toContain(v);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("refuses raw bytes that are not JSON or not UTF-8 with a 400 naming $", async () => {
    for (const raw of ["\u0000\u0001", "{", "[1,2", "\uD800", "{\"answers\": }", "\"just a string\""]) {
      const response = await postIntake(undefined, { rawBody: raw });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].item).toBe("$");
    }
  });

  it("stores 50 submissions sent at once, every one", async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => postIntake(fullIntake({ goals: `parallel ${i}` }, { submittedAt: undefined }))));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(responses.map((r) => r.body.reference)).size).toBe(50);
  });
});
