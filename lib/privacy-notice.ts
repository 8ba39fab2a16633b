import { DRAFT_LIFETIME_MS, lifetimeInWords } from "@/lib/lifetimes";
import { contactSentence, type ClinicContact } from "@/lib/clinic-contact";

/**
 * The privacy notice shown before consent. Its version is stored with each consent, so change the
 * version whenever the wording changes in substance. Universal: rendered on the consent step and
 * on /privacy.
 */
export const PRIVACY_NOTICE_VERSION = "2026-11-24";

export interface NoticeSection {
  readonly heading: string;
  readonly paragraphs: readonly string[];
}

/** A privacy notice as the consent step shows it: a short summary, the full notice folded under it. */
export interface PrivacyNoticeView {
  readonly version: string;
  readonly summary: string;
  readonly sections: readonly NoticeSection[];
}

/**
 * Who sees the answers and how long they are kept, short enough that the consent step shows it above
 * the boxes (the full notice folded under it) and the first box is still on the first screen of a
 * phone and at 200% zoom. It restates the notice and promises nothing the notice does not.
 */
export function privacySummary(): string {
  return `Only the therapist and clinic team caring for you see your answers. An unsent intake is deleted after ${lifetimeInWords(DRAFT_LIFETIME_MS)}; a sent one joins your clinical record.`;
}

/** The consent step's view of the notice: the summary, the full notice and its version (stored with the consent). */
export function privacyNoticeView(clinicName: string, reviewWindow: string, contact: ClinicContact = {}): PrivacyNoticeView {
  return { version: PRIVACY_NOTICE_VERSION, summary: privacySummary(), sections: privacyNotice(clinicName, reviewWindow, contact) };
}

/** `contact` (CLINIC_PHONE, CLINIC_EMAIL): configuration, not wording; unset, its sentence is left out. */
export function privacyNotice(clinicName: string, reviewWindow: string, contact: ClinicContact = {}): readonly NoticeSection[] {
  const reach = contactSentence(clinicName, contact);
  return [
    {
      heading: "Why we ask",
      paragraphs: [
        `Your answers help the psychotherapist who works with ${clinicName} prepare for your first consultation and see whether ketamine-assisted therapy may suit you. The answers do not decide anything by themselves.`,
      ],
    },
    {
      heading: "Who sees your answers",
      paragraphs: [
        `Only the psychotherapist and the clinic team involved in your care. They read intakes ${reviewWindow}; nobody watches the form in real time.`,
        "We do not sell your information, show it to advertisers, or use analytics that track you.",
      ],
    },
    {
      heading: "How it is kept",
      paragraphs: [
        "Your answers are stored encrypted on the clinic's server. Nothing you type is kept in your browser.",
        `An unfinished intake is deleted ${lifetimeInWords(DRAFT_LIFETIME_MS)} after you last saved it. A sent intake becomes part of your clinical record and is kept as long as health-record law in Ontario requires, then deleted.`,
      ],
    },
    {
      heading: "Your rights",
      paragraphs: [
        `You can ask ${clinicName} for a copy of what you sent, ask for a correction, or withdraw your consent, by contacting the clinic. You can stop filling in this form at any time.`,
        ...(reach ? [reach] : []),
      ],
    },
  ];
}
