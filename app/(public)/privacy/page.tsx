import type { Metadata } from "next";
import { getConfig } from "@/lib/config";
import { PRIVACY_NOTICE_VERSION, privacyNotice } from "@/lib/privacy-notice";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Privacy notice – Intake" };

export default function PrivacyPage() {
  const config = getConfig();
  return (
    <main id="main">
      <h1>Privacy notice</h1>
      <p className="lead">Version {PRIVACY_NOTICE_VERSION}</p>
      {privacyNotice(config.clinicName, config.reviewWindow, config.clinicContact).map((s) => (
        <section key={s.heading}>
          <h2>{s.heading}</h2>
          {s.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </section>
      ))}
      <p>
        <a href="/intake">Go to the intake</a>
      </p>
    </main>
  );
}
