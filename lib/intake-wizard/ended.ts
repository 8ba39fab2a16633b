/**
 * The pages an intake can end on other than the confirmation (app/(public)/intake/ended/[reason]):
 * forgotten on this device; a resume link already used or expired; a draft no longer open in this
 * browser (continued elsewhere, or deleted after its lifetime). The reason is in the path, never an answer.
 */
export const ENDED_REASONS = ["forgotten", "link-used", "elsewhere"] as const;
export type EndedReason = (typeof ENDED_REASONS)[number];

export const endedPath = (reason: EndedReason) => `/intake/ended/${reason}`;
