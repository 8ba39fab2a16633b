/**
 * The two ways a course action is refused. Messages are for the therapist (or, for check-ins, the
 * client) and never hold answers, names or contact details.
 */

/** The action cannot apply to the course or intake as it is now (wrong status, phase, already done). */
export class CourseConflict extends Error {
  override name = "CourseConflict";
}

export interface FieldProblem {
  /** The field as the form names it (`bp_pre_systolic`, `end_reason`, `reason`). */
  readonly field: string;
  readonly message: string;
}

/** Input that does not validate; nothing was saved. Each problem names its field. */
export class CourseInputError extends Error {
  override name = "CourseInputError";
  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join("; "));
  }
}
