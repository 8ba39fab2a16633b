/**
 * The one builder of abuse-counter keys for the public intake. The JSON API and the wizard's final
 * send share the "submit" counter of an address, so neither path is a way around the other's limit.
 */
export type PublicLimit = "submit" | "resume" | "resume-email" | "resume-email-draft" | "draft-create" | "draft-save" | "draft-bytes" | "checkin-start";

/** `subject` is a client address (or a draft id for "draft-save" and "resume-email-draft"); an unknown address counts as one. */
export const limitKey = (limit: PublicLimit, subject: string | null | undefined): string => `${limit}:${subject ?? "unknown"}`;
