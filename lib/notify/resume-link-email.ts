/**
 * The e-mail that carries a person's resume link. It holds the link and the clinic's name only:
 * no answer, no name, no reference, no word about health or treatment (a mailbox is often shared
 * or previewed on a lock screen). Pure, so its whole text is tested.
 */
export interface ResumeLinkEmail {
  subject: string;
  text: string;
}

export function resumeLinkEmail(clinicName: string, url: string, until: string): ResumeLinkEmail {
  return {
    subject: `Your link from ${clinicName}`,
    text: [
      `You asked ${clinicName} to e-mail you this link, to come back to your form later:`,
      "",
      url,
      "",
      `It works once, until ${until}. Anyone who has it can open what you have filled in, so please do not forward this e-mail.`,
      "",
      "If you did not ask for this, you can ignore this e-mail.",
    ].join("\n"),
  };
}
