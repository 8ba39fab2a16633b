import type { Metadata } from "next";
import { ResumeForm } from "./resume-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Continue your intake – Intake" };

type Props = { params: Promise<{ token: string }> };

/**
 * Opening a resume link changes nothing: link previews and mail scanners fetch links too. The
 * draft is restored only when the person presses the button.
 */
export default async function ResumePage({ params }: Props) {
  const { token } = await params;
  return (
    <main id="main">
      <h1>Continue your intake</h1>
      <p className="lead">Your answers so far are saved. Press the button to carry on where you left off.</p>
      <ResumeForm token={token} />
    </main>
  );
}
