import { describe, expect, it } from "vitest";
import {
  CLIENT_COPY_MAX_DOWNLOADS,
  takeClientCopy,
  createDraft,
  deleteExpiredDrafts,
  findDraftBySession,
  issueResumeToken,
  markDraftSubmitted,
  resumeDraft,
  saveDraft,
  type DraftState,
} from "@/lib/intake-wizard/drafts";
import { countIntakes, getIntakeById } from "@/lib/intake/intake-record";
import { sendDraft } from "@/lib/intake-wizard/draft-service";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy-notice";
import { useMigratedDatabase } from "../support/database";
import { rawRows } from "../support/either-database";
import { fullAnswersV2 } from "../fixtures/intakes";

useMigratedDatabase();

const DAY = 24 * 60 * 60 * 1000;
const state = (answers: Record<string, unknown>): DraftState => ({ answers, units: {} });
const newDraft = async (answers: Record<string, unknown> = { consent_privacy: true, consent_not_emergency: true }, now = new Date()) =>
  createDraft({ state: state(answers), privacyNoticeVersion: PRIVACY_NOTICE_VERSION, consentedAt: now, crisisShown: false }, now);

describe("drafts", () => {
  it("are stored encrypted, found only by the session token, which is stored as a hash", async () => {
    const { draft, sessionToken } = await newDraft(fullAnswersV2());
    expect(sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect((await findDraftBySession(sessionToken))?.state.answers.full_name).toBe("Zoë Bélanger-Nguyễn");
    const [row] = await rawRows("select * from drafts where id = ?", draft.id);
    expect(row).toBeDefined();
    const raw = JSON.stringify(row);
    expect(raw).not.toContain("Bélanger");
    expect(raw).not.toContain("zoe.belanger");
    expect(raw).not.toContain(sessionToken);
    expect(await findDraftBySession(sessionToken.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).toBeUndefined();
  });

  it("expire 7 days after the last save, and are then deleted", async () => {
    const start = new Date("2026-11-01T12:00:00Z");
    const { draft, sessionToken } = await newDraft(undefined, start);
    expect(await findDraftBySession(sessionToken, new Date(start.getTime() + 6 * DAY))).toBeDefined();
    await saveDraft(draft.id, state({ full_name: "A" }), false, new Date(start.getTime() + 6 * DAY));
    expect(await findDraftBySession(sessionToken, new Date(start.getTime() + 12 * DAY))).toBeDefined();
    expect(await findDraftBySession(sessionToken, new Date(start.getTime() + 13 * DAY + 1))).toBeUndefined();
    expect(await deleteExpiredDrafts(new Date(start.getTime() + 13 * DAY + 1))).toBeGreaterThanOrEqual(1);
    expect(await rawRows("select cast(count(*) as integer) as n from drafts where id = ?", draft.id)).toEqual([{ n: 0 }]);
  });

  it("resume through a link once: the link is used up and the old browser's session ends", async () => {
    const { draft, sessionToken } = await newDraft({ consent_privacy: true, full_name: "Łukasz Øster" });
    const link = await issueResumeToken(draft.id);
    const replaced = await issueResumeToken(draft.id);
    expect(await resumeDraft(link)).toBeUndefined(); // a newer link replaces an older one
    const resumed = (await resumeDraft(replaced))!;
    expect(resumed.draft.state.answers.full_name).toBe("Łukasz Øster");
    expect((await findDraftBySession(resumed.sessionToken))?.id).toBe(draft.id);
    expect(await findDraftBySession(sessionToken)).toBeUndefined();
    expect(await resumeDraft(replaced)).toBeUndefined();
    const raw = JSON.stringify((await rawRows("select * from drafts where id = ?", draft.id))[0]);
    expect(raw).not.toContain(replaced);
  });

  it("refuse a resume link older than 7 days", async () => {
    const start = new Date("2026-11-01T12:00:00Z");
    const { draft } = await newDraft(undefined, start);
    const link = await issueResumeToken(draft.id, start);
    await saveDraft(draft.id, state({}), false, new Date(start.getTime() + 6 * DAY));
    expect(await resumeDraft(link, new Date(start.getTime() + 7 * DAY + 1))).toBeUndefined();
  });

  it("keep the crisis flag once set", async () => {
    const { draft, sessionToken } = await newDraft();
    await saveDraft(draft.id, state({ phq9_9: 1 }), true);
    await saveDraft(draft.id, state({ phq9_9: 0 }), false);
    expect((await findDraftBySession(sessionToken))?.crisisShown).toBe(true);
  });
});

describe("sending a draft", () => {
  it("stores one intake however often it is sent, with the consent record, and empties the draft", async () => {
    const { draft, sessionToken } = await newDraft(fullAnswersV2());
    const before = await countIntakes();
    expect(await sendDraft(draft)).toMatchObject({ status: "sent", copy: { token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) } });
    expect(await sendDraft(draft)).toMatchObject({ status: "sent" }); // a retry with the same (stale) draft
    expect(await countIntakes()).toBe(before + 1);

    const sent = (await findDraftBySession(sessionToken))!;
    expect(sent.intakeId).toBeTruthy();
    expect(sent.state.answers).toEqual({ country: "CA" });
    const intake = (await getIntakeById(sent.intakeId!))!;
    expect(intake.answers.full_name).toBe("Zoë Bélanger-Nguyễn");
    expect(intake.consent).toEqual({ privacyNoticeVersion: PRIVACY_NOTICE_VERSION, consentedAt: draft.consentedAt });
    expect(intake.assessment?.triage).toBeDefined();
    expect(await saveDraft(draft.id, state({ full_name: "changed" }), false)).toBe(false);
    await markDraftSubmitted(draft.id, sent.intakeId!, { country: "CA" });
  });

  it("does not send an incomplete draft, and says where to continue", async () => {
    const { draft } = await newDraft({ ...fullAnswersV2(), phq9_9: 2 }); // intent and plan now required
    const before = await countIntakes();
    expect(await sendDraft(draft)).toEqual({ status: "incomplete", next: "/intake/safety?return=review" });
    expect(await countIntakes()).toBe(before);
  });

  it("opens the client's copy with the token from submission only: 30 minutes, a few downloads, then gone", async () => {
    const { draft } = await newDraft(fullAnswersV2());
    const sentAt = new Date();
    const before = await countIntakes();
    expect((await sendDraft(draft, sentAt)).status).toBe("sent");
    expect(await countIntakes()).toBe(before + 1);
    const [row] = await rawRows<{ copy_token_hash: string; copy_expires_at: string }>("select copy_token_hash, copy_expires_at from drafts where id = ?", draft.id);
    if (!row) throw new Error("no draft row");
    expect(row.copy_token_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(row.copy_expires_at).getTime() - sentAt.getTime()).toBeGreaterThan(29 * 60 * 1000);
    // The token itself is only in the browser's cookie; a made-up one opens nothing.
    expect(await takeClientCopy("A".repeat(43))).toBeUndefined();
  });

  it("counts downloads and refuses after the limit and after 30 minutes", async () => {
    const { draft } = await newDraft(fullAnswersV2());
    const sent = await sendDraft(draft);
    if (sent.status !== "sent" || !sent.copy) throw new Error("not sent");
    for (let i = 0; i < CLIENT_COPY_MAX_DOWNLOADS; i++) expect((await takeClientCopy(sent.copy.token))?.intakeId).toBeTruthy();
    expect(await takeClientCopy(sent.copy.token)).toBeUndefined();

    const { draft: other } = await newDraft(fullAnswersV2());
    const again = await sendDraft(other);
    if (again.status !== "sent" || !again.copy) throw new Error("not sent");
    expect(await takeClientCopy(again.copy.token, new Date(Date.now() + 31 * 60 * 1000))).toBeUndefined();
  });
});
