import type { AuditEvent } from "@/lib/audit/audit-log";

/** The therapist acting, as every review action records them. */
export interface Reviewer {
  userId: string;
  email: string;
  ipAddress: string | null;
}

/** The actor fields of an audit event. */
export const actorOf = (reviewer: Reviewer): Pick<AuditEvent, "actorUserId" | "actorEmail" | "ipAddress"> => ({
  actorUserId: reviewer.userId,
  actorEmail: reviewer.email,
  ipAddress: reviewer.ipAddress,
});
