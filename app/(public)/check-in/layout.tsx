import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getConfig } from "@/lib/config";

/** Every check-in page names only the clinic: not the treatment (the root layout's title and description do). */
export async function generateMetadata(): Promise<Metadata> {
  const { clinicName } = getConfig();
  return { title: `Check-in – ${clinicName}`, description: `A short check-in from ${clinicName}.` };
}

export default function CheckinLayout({ children }: { children: ReactNode }) {
  return children;
}
