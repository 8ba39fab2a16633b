import "server-only";
import { submitIntake } from "@/lib/intake/submit-intake";
import { countIntakes, findIntakeIdsByEmail } from "@/lib/intake/intake-record";
import { acknowledgeIntake, changeIntakeStatus } from "@/lib/review/workflow";
import type { Reviewer } from "@/lib/review/reviewer";
import { acknowledgeCheckin, changeCoursePhase, clinicToday, createCheckinRequest, listCourseTimeline, recordSession, startCheckin, startCourse, submitCheckin } from "@/lib/course-records";
import { DEMO_CLIENTS, type DemoClientSpec } from "./clients";
import { demoEmail, demoPlan, type PlannedClient, type PlannedCourse } from "./plan";

/**
 * Carries a demo plan out through the features a clinic uses (submit, review, course records,
 * the client's check-in steps), so everything is encrypted, flagged and audited as real data is.
 * The acting therapist is a demo account id that no one can sign in as.
 */

export const DEMO_REVIEWER: Reviewer = { userId: "demo-seed", email: "demo-seed@example.invalid", ipAddress: null };

/**
 * The client's address for each check-in's steps: IPv6 documentation addresses (RFC 3849), one per
 * run, client and check-in (each counts against CHECKIN_STARTS_PER_HOUR like a real one).
 */
const clientAddress = (run: number, client: number, checkin: number) => `2001:db8::${run}:${client}:${checkin}`;

export interface DemoCounts {
  intakes: number;
  courses: { acute: number; maintenance: number; ended: number };
  sessions: number;
  sessionFlags: number;
  checkins: number;
  checkinFlags: number;
  urgentUnacknowledged: number;
  linksAwaiting: number;
}

export interface DemoState {
  /** Demo runs already in the database (1, 2, … found by their e-mail addresses). */
  runs: number;
  demoIntakes: number;
  otherIntakes: number;
}

/** What the database holds: how many demo runs and intakes, and how many intakes are not demo data. */
export async function demoState(clients: readonly DemoClientSpec[] = DEMO_CLIENTS): Promise<DemoState> {
  let runs = 0;
  let demoIntakes = 0;
  for (;;) {
    let found = 0;
    for (let n = 1; n <= clients.length; n++) found += (await findIntakeIdsByEmail(demoEmail(runs + 1, n))).length;
    if (found === 0) break;
    runs++;
    demoIntakes += found;
  }
  return { runs, demoIntakes, otherIntakes: (await countIntakes()) - demoIntakes };
}

function fail(what: string, detail: unknown): never {
  throw new Error(`demo ${what}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
}

/** Runs one course's steps in order; adds what it stored to `counts`. Returns the course id. */
async function seedCourse(intakeId: string, course: PlannedCourse, address: (checkin: number) => string, counts: DemoCounts, reviewer = DEMO_REVIEWER): Promise<string> {
  const { courseId } = await startCourse(intakeId, { started_on: clinicToday(course.startAt), planned_acute_sessions: course.plannedAcuteSessions }, reviewer, course.startAt);
  let phase: keyof DemoCounts["courses"] = "acute";
  let checkinNo = 0;
  for (const step of course.steps) {
    if (step.kind === "session") {
      const stored = await recordSession(courseId, step.record, reviewer, step.at);
      counts.sessions++;
      counts.sessionFlags += stored.flags.length;
    } else if (step.kind === "checkin") {
      // The client's side, as the check-in pages do it: the link, the date of birth, the answers.
      const { token } = await createCheckinRequest(courseId, reviewer, { now: step.requestAt });
      const from = address(checkinNo++);
      const started = await startCheckin(token, course.dateOfBirth, from, step.submitAt);
      if (started.outcome !== "started") fail("check-in start", started);
      const submitted = await submitCheckin(started.sessionToken, step.answers, from, step.submitAt);
      if (submitted.outcome !== "stored") fail("check-in", submitted);
      if (step.acknowledgeAt) await acknowledgeCheckin(submitted.checkinId, reviewer, step.acknowledgeAt);
    } else if (step.kind === "phase") {
      await changeCoursePhase(courseId, step.to, step.endReason, reviewer, step.at);
      phase = step.to;
    } else {
      await createCheckinRequest(courseId, reviewer, { now: step.at });
      counts.linksAwaiting++;
    }
  }
  counts.courses[phase]++;
  // Read back as the course page reads it (audited as a view by the demo account): the flags stored.
  const timeline = await listCourseTimeline(courseId, reviewer);
  for (const entry of timeline.entries) {
    if (entry.kind === "session") continue;
    counts.checkins++;
    counts.checkinFlags += entry.flags.length;
    if (entry.needsAcknowledgement && !entry.acknowledgedAt) counts.urgentUnacknowledged++;
  }
  return courseId;
}

/** Stores one client's intake, review steps and course; returns the course id, if any. */
async function seedClient(client: PlannedClient, run: number, counts: DemoCounts): Promise<string | undefined> {
  const result = await submitIntake(client.body, { receivedAt: client.receivedAt, submittedAtPolicy: "not_future" });
  if (result.outcome !== "stored") fail(`intake ${client.number}`, result.outcome === "invalid" ? result.errors.map((e) => `${e.item}: ${e.message}`).join("; ") : result.outcome);
  counts.intakes++;
  const intakeId = result.intake.id;
  for (const change of client.statuses) await changeIntakeStatus(intakeId, change.to, DEMO_REVIEWER, change.at);
  if (client.course) {
    // Urgent intakes are acknowledged when their consult is booked; only the check-in is left waiting.
    await acknowledgeIntake(intakeId, DEMO_REVIEWER, client.statuses.at(-1)!.at).catch(() => undefined);
    return seedCourse(intakeId, client.course, (checkin) => clientAddress(run, client.number, checkin), counts);
  }
  return undefined;
}

const emptyCounts = (): DemoCounts => ({ intakes: 0, courses: { acute: 0, maintenance: 0, ended: 0 }, sessions: 0, sessionFlags: 0, checkins: 0, checkinFlags: 0, urgentUnacknowledged: 0, linksAwaiting: 0 });

/**
 * Seeds demo run `run` (1 for the first) dated relative to `now`: the demo clinic, or the clients
 * given (the benchmark's long course). Returns what it created and the courses' ids.
 */
export async function seedDemo(run: number, now = new Date(), clients: readonly DemoClientSpec[] = DEMO_CLIENTS): Promise<DemoCounts & { courseIds: string[] }> {
  const counts = emptyCounts();
  const courseIds: string[] = [];
  for (const client of demoPlan({ run, now, dateOf: clinicToday }, clients)) {
    const courseId = await seedClient(client, run, counts);
    if (courseId) courseIds.push(courseId);
  }
  return { ...counts, courseIds };
}
