import "server-only";
import { listAuditEvents, type AuditEventRow, type AuditFilter } from "@/db/repositories/audit-events";
import { recordAuditEvent } from "./audit-log";

export type { AuditFilter, AuditEventRow };

/** The audit trail, newest first, for the audit page. Looking at it is itself recorded (first). */
export async function viewAuditTrail(filter: AuditFilter, limit: number, viewer: { userId: string; email: string; ipAddress: string | null }): Promise<AuditEventRow[]> {
  await recordAuditEvent({ action: "audit.view", actorUserId: viewer.userId, actorEmail: viewer.email, ipAddress: viewer.ipAddress });
  return listAuditEvents(filter, limit);
}
