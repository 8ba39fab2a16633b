import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { BASE_URL } from "./support/browser";
import { createTherapist, signInOverHttp } from "./support/therapist";
import { fullIntakeV2 } from "../fixtures/intakes";
import { r4Errors } from "../support/fhir-validation";

/** The FHIR routes through the built server: Next's handling of `|` in a path segment, and the intake page's download link. */

let intakeId = "";
before(async () => {
  const response = await fetch(`${BASE_URL}/api/intakes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fullIntakeV2({}, { submittedAt: undefined })) });
  intakeId = ((await response.json()) as { id: string }).id;
});

describe("FHIR through the built server", () => {
  it("serves a Questionnaire at name|version whether the bar is sent as | or %7C, public and cacheable", async () => {
    for (const ref of ["ketamine-trbd-intake|2", "ketamine-trbd-intake%7C2", "ketamine-course-checkin%7c1"]) {
      const response = await fetch(`${BASE_URL}/api/fhir/Questionnaire/${ref}`);
      assert.equal(response.status, 200, ref);
      assert.equal(response.headers.get("content-type"), "application/fhir+json; charset=utf-8");
      assert.equal(response.headers.get("cache-control"), "public, max-age=3600");
      const q = (await response.json()) as { resourceType: string; version: string };
      assert.equal(q.resourceType, "Questionnaire");
      assert.deepEqual(r4Errors(q), []);
    }
    assert.equal((await fetch(`${BASE_URL}/api/fhir/Questionnaire/ketamine-trbd-intake%7C9`)).status, 404);
  });

  it("downloads the QuestionnaireResponse from the link on the intake page", async () => {
    const cookie = await signInOverHttp(BASE_URL, createTherapist("fhir"));
    const page = await (await fetch(`${BASE_URL}/dashboard/intakes/${intakeId}`, { headers: { cookie } })).text();
    const href = /href="([^"]*\/fhir)"[^>]*>Download the answers as FHIR/.exec(page)?.[1];
    assert.equal(href, `/api/intakes/${intakeId}/fhir`);
    const response = await fetch(`${BASE_URL}${href}`, { headers: { cookie } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.match(response.headers.get("content-disposition") ?? "", /^attachment; filename="questionnaire-response-[A-Z0-9-]+\.json"$/);
    const qr = (await response.json()) as { resourceType: string; status: string };
    assert.equal(qr.status, "completed");
    assert.deepEqual(r4Errors(qr), []);
  });
});
