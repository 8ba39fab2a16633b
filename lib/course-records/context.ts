import "server-only";
import { createHash } from "node:crypto";
import { getConfig } from "@/lib/config";
import type { CourseRuleSet } from "@/lib/course";
import { calendarDateIn } from "@/lib/questionnaire/dates";

/** What every course feature reads the same way: today in the clinic, the rule set in force. */

/** Today's date in the clinic's time zone (dates are checked against it, as the intake's are). */
export const clinicToday = (now: Date): string => calendarDateIn(now, getConfig().timeZone);

/**
 * The course rule set flags are computed with and stored under (its version is stored with them):
 * course-1 with the clinic's COURSE_THRESHOLDS, `course-1-custom-<hash>` when any differs.
 */
export const currentCourseRuleSet = (): CourseRuleSet => getConfig().courseRuleSet;

export const sha256Base64url = (text: string): string => createHash("sha256").update(text, "utf8").digest("base64url");
