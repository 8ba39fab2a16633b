import { LandingPage } from "./_components/landing-page";

export const dynamic = "force-dynamic";

export default function Page() {
  return <LandingPage />;
}
