/**
 * The treatment course's server features (server-only; treatment-course.md). Pages and actions
 * call these; each therapist read and write is audited, each patient-facing step audited with ids only.
 */
export { CourseConflict, CourseInputError, type FieldProblem } from "./errors";
export { startCourse, changeCoursePhase, coursesOfIntake, mayStartCourse, type StartCourseInput, type CourseRow } from "./courses";
export { recordSession, correctSession, sessionDefaults, sessionDefaultsOf, CORRECTION_REASON_MAX_LENGTH, type SessionDefaults, type StoredSession } from "./sessions";
export { listCourseTimeline, sessionToCorrect, type CourseTimeline, type TimelineEntry, type SessionVersionView } from "./timeline";
export {
  CHECKIN_PATH,
  MAX_DOB_TRIES,
  CHECKIN_STARTS_PER_HOUR,
  checkinLinkUrl,
  checkinEmailConfigured,
  checkinEmail,
  createCheckinRequest,
  openCheckin,
  startCheckin,
  currentCheckin,
  saveCheckinDraft,
  submitCheckin,
  deleteExpiredCheckinDrafts,
  checkinDraftStateSchema,
  type CheckinDraftState,
  type CheckinSession,
  type CreatedCheckinRequest,
  type LinkState,
  type StartResult,
  type SubmitCheckinResult,
} from "./checkins";
export { listCourseAttention, acknowledgeCheckin, type CourseAttention } from "./urgent";
export { courseDataOfIntake } from "./client-data";
export { clinicToday, currentCourseRuleSet } from "./context";
export { renderProgressSummary } from "./progress-pdf";
