"use client";

/** Ends the session on the server, then loads the sign-in page in full (replacing this page in history). */
export function SignOutButton() {
  return (
    <button
      type="button"
      className="button-secondary"
      onClick={async () => {
        try {
          await fetch("/api/session/sign-out", { method: "POST", credentials: "same-origin" });
        } finally {
          window.location.replace("/login?ended=signed_out");
        }
      }}
    >
      Sign out
    </button>
  );
}
