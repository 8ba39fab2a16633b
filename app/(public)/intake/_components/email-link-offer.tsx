/** Shown under the resume link only when the link can be e-mailed (SMTP and PUBLIC_ORIGIN set). */
export function EmailLinkOffer() {
  return (
    <p>
      <a href="/intake/email-link">Send me a link by e-mail instead</a> (a new link: the one above then stops working).
    </p>
  );
}
