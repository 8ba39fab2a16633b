import { describe, expect, it } from "vitest";
import { renderPdf } from "@/lib/pdf/render-pdf";
import { SEVERITY_WORDING } from "@/lib/assessment";
import { OUTCOME_WORDING } from "@/lib/course-forms/wording";
import { evidenceLines } from "@/lib/course-forms/flag-evidence";
import { progressContent } from "@/lib/pdf/progress-content";
import { joinLabel } from "@/lib/pdf/pdf-content";
import { sampleProgressInput, SAMPLE_CHECKINS, SAMPLE_LETTER } from "../support/progress-inputs";
import { flat, pdfText } from "../support/pdf-text";

/** The progress summary PDF (treatment-course.md, "Outcomes") as a reader sees it: pdftotext of the rendered file. */

const render = async (input = sampleProgressInput()) => flat(pdfText(await renderPdf({ kind: "progress-summary", input })));
const count = (text: string, part: string) => text.split(part).length - 1;

describe("the progress summary PDF", () => {
  it("names the client and states the course's facts, phases and outcome so far in a clinician's words", async () => {
    const input = sampleProgressInput();
    const text = await render(input);
    expect(text).toContain("Zoë Bélanger-Nguyễn");
    expect(text).toContain("Started: 1 October 2026");
    expect(text).toContain("Phase: Maintenance");
    expect(text).toContain("Acute sessions planned: 6; 6 sessions recorded in all");
    expect(text).toContain("Baseline PHQ-9: 18 of 27, from the intake's PHQ-9, submitted 20 September 2026");
    expect(text).toContain("Acute to Maintenance, 22 October 2026, 11:00, by Dr Amira Haddad");
    // Latest 7 against 18: −11, −61.1 %, a response.
    expect(text).toContain("Latest PHQ-9: 7 of 27 (mild), check-in of 19 October 2026, 18:00");
    expect(text).toContain("Change from baseline (18): -11 (-61.1%)");
    expect(input.outcome.outcome).toBe("response");
    expect(text).toContain(`Outcome: ${OUTCOME_WORDING.response}`);
  });

  it("an ended course says why it ended", async () => {
    const text = await render(
      sampleProgressInput({
        course: { ...sampleProgressInput().course, phase: "ended", endReason: "stopped_adverse_event" },
        phaseChanges: [{ from: "acute", to: "ended", reason: "stopped_adverse_event", at: "2026-10-22T15:00:00Z", byName: null }],
      }),
    );
    expect(text).toContain("Phase: Ended (Stopped for an adverse event)");
    expect(text).toContain("Acute to Ended (Stopped for an adverse event), 22 October 2026, 11:00, by a former account");
  });

  it("has every session as a row: date, route, dose with mg/kg, the three blood pressures, dissociation, sedation, adverse events; a correction noted with why", async () => {
    const text = await render();
    // Row by row, in order (pdftotext reads a table's row left to right; a cell may wrap).
    const sessions = text.slice(text.indexOf("Sessions Date Route Dose"), text.indexOf("Check-ins Check-in"));
    expect(sessions).toMatch(/2 October 2026 Intravenous \(IV\) 36 mg \(0\.50 mg\/kg\) 124\/80 142\/88 130\/82 Mild None None/);
    expect(sessions).toMatch(/6 October 2026 Intravenous \(IV\) 40 mg \(0\.56 mg\/kg\) 124\/80 — 130\/82 Mild None Nausea or vomiting/);
    expect(sessions).toMatch(/9 October 2026 Intravenous \(IV\) 43 mg \(0\.60 mg\/kg\) 146\/92 158\/96 130\/82 Moderate None None/);
    expect(sessions).toContain("Headache; Anxiety or agitation");
    expect(sessions).toMatch(/13 October 2026 \(corrected\)|13 October Intramuscular 43 mg \(0\.60 124\/80 — 130\/82 Mild None Headache; Anxiety or agitation 2026 \(IM\) mg\/kg\) \(corrected\)/);
    expect(sessions).toContain("Session of 13 October 2026: corrected to version 2 on 13 October 2026, 16:00 by Dr Amira Haddad. Why: The route was entered as IV; the dose was given IM.");
    for (const date of ["16 October", "20 October"]) expect(sessions).toContain(date);
    expect(count(sessions, "mg/kg)")).toBe(6);
  });

  it("has every check-in as a row: date, PHQ-9 total, elevation symptoms, the suicidal-thoughts answer, side effects", async () => {
    const input = sampleProgressInput();
    const content = progressContent(input);
    expect(content.checkins.rows).toHaveLength(SAMPLE_CHECKINS.length);
    expect(content.checkins.rows[3]).toEqual(["15 October 2026, 16:45", "8 (mild)", "None of these", "Yes", "None of these"]);
    const text = await render(input);
    const table = text.slice(text.indexOf("Check-ins Check-in"), text.indexOf("Flags, most pressing first"));
    for (const row of content.checkins.rows) for (const cell of row) for (const word of cell.split(/\s+/)) expect(table, `${row[0]}: ${cell}`).toContain(word);
    expect(table).toContain("Needing much less sleep but");
    expect(table).toContain("Pain when passing urine");
  });

  it("prints every flag with its evidence and source, worded as the course page words them", async () => {
    const input = sampleProgressInput();
    const text = await render(input);
    const all = [...input.outcome.flags, ...input.sessions.flatMap((s) => s.flags), ...input.checkins.flatMap((c) => c.flags)];
    // The fictional course raises one session flag and four check-in flags (and no course flag: a response).
    expect(all.map((f) => f.id).sort()).toEqual(["CHECKIN_IDEATION", "ELEVATION_RISING", "LINGERING_DISSOCIATION", "PRE_DOSE_BP_ELEVATED", "URINARY_SYMPTOMS"]);
    const flags = text.slice(text.indexOf("Flags, most pressing first"));
    for (const f of all) {
      expect(flags).toContain(`${SEVERITY_WORDING[f.severity]}: ${f.title}`);
      for (const e of evidenceLines(f.evidence)) expect(flags, f.id).toContain(flat(joinLabel(e.label, e.lines.join("; "))));
    }
    expect(flags).toContain("Session of 9 October 2026 (rule set course-1) · Sources: SPR, SEED");
    expect(flags).toContain("Check-in of 8 October 2026, 19:30 (rule set course-1) · Sources: SEED");
    expect(flags).toContain("SAN17: Sanacora et al., JAMA Psychiatry 2017");
  });

  it("prints the course's own flag (no response after the acute sessions) with its evidence, and the outcome it rests on", async () => {
    // Six sessions, one check-in at 14 against 18: less than 25% below the baseline.
    const input = sampleProgressInput({}, { checkins: [SAMPLE_CHECKINS[0]!] });
    expect(input.outcome.flags.map((f) => f.id)).toEqual(["NO_RESPONSE_AFTER_ACUTE"]);
    const text = await render(input);
    const flag = input.outcome.flags[0]!;
    expect(text).toContain(`${SEVERITY_WORDING.info}: ${flag.title}`);
    expect(text).toContain("The course, computed now (rule set course-1)");
    expect(text).toContain("Baseline PHQ-9: 18");
    expect(text).toContain("Latest PHQ-9 total: 14");
    expect(text).toContain(`Outcome: ${OUTCOME_WORDING.no_response}`);
  });

  it("says so when there is nothing yet, and still has the outcome line", async () => {
    const text = await render(sampleProgressInput({}, { sessions: [], checkins: [] }));
    expect(text).toContain("No sessions recorded yet.");
    expect(text).toContain("No check-ins received yet.");
    expect(text).toContain("No flags were raised.");
    expect(text).toContain("Latest PHQ-9: No check-in yet");
    expect(text).toContain(OUTCOME_WORDING.no_checkins);
  });

  it("draws the three charts with their data tables beside them", async () => {
    const text = await render();
    expect(text).toContain("PHQ-9 over time");
    expect(text).toContain("PHQ-9 totals: the baseline and each check-in");
    expect(text).toContain("1 October 2026 (baseline) 18 —");
    expect(text).toContain("Response (half of baseline): 9");
    expect(text).toContain("Remission: 4 or less");
    expect(text).toContain("Blood pressure per session");
    // The chart's table: one row per session, its date first (the page's table, ADR 023).
    expect(text).toMatch(/Session date Before the session At 40 minutes At discharge 2 October 2026 124\/80 142\/88 130\/82 6 October 2026 124\/80 Not taken 130\/82 9 October 2026 146\/92 158\/96 130\/82/);
    expect(text).toContain("Elevation symptoms per check-in");
    expect(text).toContain("Systolic before the session");
  });

  it("opens with the letter to the referring physician when one was written, and has none otherwise", async () => {
    const pdf = await renderPdf({ kind: "progress-summary", input: sampleProgressInput({ letter: SAMPLE_LETTER }) });
    const page1 = flat(pdfText(pdf, { page: 1 }));
    expect(page1).toContain(`To: ${SAMPLE_LETTER.addressee}`);
    expect(page1).toContain("Thank you for referring Zoë to our clinic.");
    expect(page1).toContain("The progress summary follows; please call the clinic with any questions.");
    expect(page1).toContain(SAMPLE_LETTER.from);
    // The summary starts on the next page.
    expect(page1).not.toContain("Outcome so far");
    const without = await render();
    expect(without).not.toContain("To:");
    expect(without).not.toContain("Thank you for referring");
    expect(without).not.toContain(SAMPLE_LETTER.addressee);
  });
});
