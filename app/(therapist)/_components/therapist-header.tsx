import { countUnacknowledgedUrgent } from "@/lib/review/queue";
import type { Therapist } from "@/lib/auth/require-therapist";
import { SignOutButton } from "./sign-out-button";

/** Top of every therapist page: where you are, the urgent count (always visible), sign out. */
export async function TherapistHeader({ therapist, current }: { therapist: Therapist; current: "intakes" | "outcomes" | "audit" | "settings" }) {
  const urgent = await countUnacknowledgedUrgent();
  const link = (href: string, key: typeof current, label: string) => (
    <li>
      <a href={href} aria-current={current === key ? "page" : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <header className="therapist-header">
      <nav aria-label="Therapist">
        <ul>
          {link("/dashboard", "intakes", "Intakes")}
          {link("/dashboard/outcomes", "outcomes", "Clinic outcomes")}
          {link("/dashboard/audit", "audit", "Audit log")}
          {link("/dashboard/settings", "settings", "Settings")}
        </ul>
      </nav>
      <p className={urgent.count > 0 ? "urgent-count urgent-count-active" : "urgent-count"} role="status">
        <a href="/dashboard">
          {urgent.count === 0 ? "No urgent intakes waiting" : `${urgent.count} urgent intake${urgent.count === 1 ? "" : "s"} not yet acknowledged`}
        </a>
      </p>
      <p className="sign-out">
        <span className="signed-in-as">{therapist.name}</span> <SignOutButton />
      </p>
    </header>
  );
}
