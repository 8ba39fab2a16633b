import { describe, expect, it } from "vitest";
import { GET as getResponse } from "@/app/api/intakes/[id]/fhir/route";
import { GET as getQuestionnaire } from "@/app/api/fhir/Questionnaire/[ref]/route";
import { getIntakeById } from "@/lib/intake/intake-record";
import { fhirQuestionnaire } from "@/lib/fhir/questionnaire";
import type { QuestionnaireResponse } from "@/lib/fhir/types";
import { useMigratedDatabase } from "../support/database";
import { schema, testDb } from "../support/either-database";
import { postIntake } from "../support/api";
import { newTherapist, signIn } from "../support/therapist-session";
import { fullIntakeV2 } from "../fixtures/intakes";
import { r4Errors } from "../support/fhir-validation";
import { responseProblems } from "../support/fhir-response-check";

useMigratedDatabase();

const ORIGIN = "http://localhost:3000";
const fhirOf = (id: string, headers?: Headers) => getResponse(new Request(`${ORIGIN}/api/intakes/${id}/fhir`, { headers }), { params: Promise.resolve({ id }) });
const downloads = async (id: string) => (await testDb().select().from(schema.auditEvents)).filter((e) => e.action === "intake.download" && e.intakeId === id);

describe("GET /api/intakes/{id}/fhir", () => {
  it("gives a signed-in therapist the intake as a valid QuestionnaireResponse, as an attachment, not stored by caches, and audits the download without health information", async () => {
    const sent = await postIntake(fullIntakeV2({ goals: "Sleep through the night" }, { submittedAt: undefined }));
    const id = sent.body.id as string;
    const intake = (await getIntakeById(id))!;
    const therapist = await newTherapist("fhir");
    const response = await fhirOf(id, await signIn(therapist));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/fhir+json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="questionnaire-response-${intake.reference}.json"`);
    const qr = (await response.json()) as QuestionnaireResponse;
    expect(r4Errors(qr)).toEqual([]);
    expect(responseProblems(fhirQuestionnaire("ketamine-trbd-intake", "2"), qr)).toEqual([]);
    expect(qr.authored).toBe(intake.submittedAt);
    expect(JSON.stringify(qr)).toContain("Sleep through the night");
    const events = await downloads(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorEmail: therapist.email, detail: '{"document":"fhir_questionnaire_response"}' });
    expect(JSON.stringify(events)).not.toMatch(/Sleep through|Zoë|Bélanger/);
  });

  it("refuses anyone not signed in (401, nothing audited) and answers an unknown or malformed id with a 404 OperationOutcome", async () => {
    const id = (await postIntake(fullIntakeV2({}, { submittedAt: undefined }))).body.id as string;
    const anonymous = await fhirOf(id);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain("Zoë");
    expect(await downloads(id)).toHaveLength(0);
    const headers = await signIn(await newTherapist("fhir404"));
    for (const other of [id.replace(/.$/, (c) => (c === "A" ? "B" : "A")), "not-an-id"]) {
      const response = await fhirOf(other, headers);
      expect(response.status, other).toBe(404);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toMatchObject({ resourceType: "OperationOutcome", issue: [{ code: "not-found" }] });
      expect(await downloads(other)).toHaveLength(0);
    }
  });
});

describe("GET /api/fhir/Questionnaire/{name}|{version}", () => {
  it("is public and cacheable; the route takes the segment as Next hands it over", async () => {
    const response = await getQuestionnaire(new Request(`${ORIGIN}/api/fhir/Questionnaire/ketamine-trbd-intake%7C1`), { params: Promise.resolve({ ref: "ketamine-trbd-intake|1" }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    expect((await response.json()).version).toBe("1");
    const missing = await getQuestionnaire(new Request(`${ORIGIN}/api/fhir/Questionnaire/x`), { params: Promise.resolve({ ref: "x" }) });
    expect(missing.status).toBe(404);
  });
});
