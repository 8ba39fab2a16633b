import "server-only";
import { createHash } from "node:crypto";
import { getConfig } from "@/lib/config";
import { COURSE_RULE_SET_1, type CourseRuleSet } from "@/lib/course";
import { calendarDateIn } from "@/lib/questionnaire/dates";

/** What every course feature reads the same way: today in the clinic, the rule set in force. */

/** Today's date in the clinic's time zone (dates are checked against it, as the intake's are). */
export const clinicToday = (now: Date): string => calendarDateIn(now, getConfig().timeZone);

/**
 * The course rule set flags are computed with and stored under (its version is stored with them).
 * course-1 as published; threshold overrides (COURSE_THRESHOLDS) are not configurable yet.
 */
export const currentCourseRuleSet = (): CourseRuleSet => COURSE_RULE_SET_1;

export const sha256Base64url = (text: string): string => createHash("sha256").update(text, "utf8").digest("base64url");
