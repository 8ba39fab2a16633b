import type { ItemDef } from "@/lib/questionnaire/types";
import { intakeItem } from "./intake-parts";

/** The course's own fields (treatment-course.md, "Course"), in the intake's definition shapes. */

export const PHASES = ["acute", "maintenance", "ended"] as const;
export type Phase = (typeof PHASES)[number];

/** The phase changes a course may make: acute → maintenance → ended, or acute → ended. */
export const PHASE_CHANGES: Readonly<Record<Phase, readonly Phase[]>> = { acute: ["maintenance", "ended"], maintenance: ["ended"], ended: [] };

export const END_REASONS = ["completed", "stopped_adverse_event", "stopped_no_benefit", "stopped_client_choice", "transferred", "other"] as const;
export type EndReason = (typeof END_REASONS)[number];

export const DEFAULT_PLANNED_ACUTE_SESSIONS = 6;

export const COURSE_FIELDS = [
  { id: "started_on", type: "date", relativeToReference: "notAfter", required: true, label: "Start of the course" },
  { id: "phase", type: "enum", required: true, label: "Phase", options: PHASES.map((value) => ({ value, label: value, risk: 0 })) },
  { id: "planned_acute_sessions", type: "int", min: 1, max: 12, required: true, label: "Planned acute sessions", help: "Usually 4–6, once or twice a week." },
  {
    id: "baseline_phq9",
    type: "int",
    min: 0,
    max: 27,
    required: true,
    label: "Baseline PHQ-9",
    help: "From the intake, or a check-in done before session 1.",
  },
  { id: "end_reason", type: "enum", required: false, label: "Reason the course ended", options: END_REASONS.map((value) => ({ value, label: value, risk: 0 })) },
] as const satisfies readonly ItemDef[];

/** The intake's bipolar_type item: the canonical course JSON's `bipolarType` takes its values. */
export const BIPOLAR_TYPE = intakeItem("bipolar_type");
export type BipolarType = (typeof BIPOLAR_TYPE)["options"][number]["value"];
