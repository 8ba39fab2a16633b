import type { ReactNode } from "react";
import { getConfig } from "@/lib/config";
import { ContactClinic } from "@/app/_components/clinic-contact";

/**
 * Every step, for people without JavaScript: the form works, this is how it behaves, and whom to
 * call. Below the form, so the step's first question stays on the first screen.
 */
export default function StepLayout({ children }: { children: ReactNode }) {
  const config = getConfig();
  return (
    <>
      {children}
      <noscript>
        <aside className="note no-js-note" aria-label="Using this form without JavaScript">
          <p>
            JavaScript is off in this browser. The intake still works: your answers are saved each time you press a button, and some follow-up questions appear
            only after you press Continue.
          </p>
          <ContactClinic lead="If something does not work, or you would rather do the intake by phone," clinicName={config.clinicName} contact={config.clinicContact} />
        </aside>
      </noscript>
    </>
  );
}
