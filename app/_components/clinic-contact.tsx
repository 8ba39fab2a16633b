import type { ReactNode } from "react";
import type { ClinicContact } from "@/lib/clinic-contact";

/** "phone <416-555-0100> or e-mail <intake@…>" as links; nothing when neither is configured. */
export function ContactLinks({ contact }: { contact: ClinicContact }): ReactNode {
  const phone = contact.phone && (
    <>
      phone <a href={`tel:${contact.phone.dial}`}>{contact.phone.display}</a>
    </>
  );
  const email = contact.email && (
    <>
      e-mail <a href={`mailto:${contact.email}`}>{contact.email}</a>
    </>
  );
  if (!phone && !email) return null;
  return (
    <>
      {phone}
      {phone && email && " or "}
      {email}
    </>
  );
}

/**
 * A sentence that starts with `lead` ("To ask about your intake,") and ends with the contact
 * details; left out entirely when no contact is configured.
 */
export function ContactClinic({ lead, clinicName, contact }: { lead: string; clinicName: string; contact: ClinicContact }): ReactNode {
  if (!contact.phone && !contact.email) return null;
  return (
    <p className="clinic-contact">
      {lead} contact {clinicName}: <ContactLinks contact={contact} />.
    </p>
  );
}
