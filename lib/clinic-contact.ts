/**
 * How a person reaches the clinic (CLINIC_PHONE, CLINIC_EMAIL): one definition for the pages, the
 * privacy notice and the client copy. Either may be unset; a sentence that needs a missing detail
 * is left out rather than printed with a blank. Universal and dependency-free (the
 * variables are validated in lib/config.ts).
 */
export interface ClinicContact {
  /** As the clinic writes it ("416-555-0100"), and what a tel: link dials ("+14165550100" or "4165550100"). */
  phone?: { display: string; dial: string };
  email?: string;
}

export const hasContact = (c: ClinicContact): boolean => c.phone !== undefined || c.email !== undefined;

/** "phone 416-555-0100 or e-mail intake@clinic.example" (either half alone), or undefined when neither is set. */
export function contactPhrase(c: ClinicContact): string | undefined {
  const parts = [c.phone && `phone ${c.phone.display}`, c.email && `e-mail ${c.email}`].filter(Boolean);
  return parts.length > 0 ? parts.join(" or ") : undefined;
}

/** "To contact Clinic Name, phone … or e-mail …." — plain text for the privacy notice and the client copy. */
export function contactSentence(clinicName: string, c: ClinicContact): string | undefined {
  const phrase = contactPhrase(c);
  return phrase ? `To contact ${clinicName}, ${phrase}.` : undefined;
}
