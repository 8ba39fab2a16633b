import { createOTP } from "@better-auth/utils/otp";

/**
 * A TOTP code the server has not accepted yet for this secret. Each code works once (issue 12), so
 * tests that sign one account in several times take the previous, current and next step's codes in
 * turn (the server allows one step of clock drift either way), and wait for a new step only when
 * all three are spent. No code is taken when it is about to leave the window.
 */
const lastTaken = new Map<string, number>();

export async function freshCode(secret: Uint8Array | string): Promise<string> {
  const key = typeof secret === "string" ? secret : Buffer.from(secret).toString("hex");
  for (;;) {
    const seconds = Date.now() / 1000;
    const step = Math.floor(seconds / 30);
    const last = lastTaken.get(key) ?? -Infinity;
    const into = seconds % 30;
    const candidate = [into < 20 ? step - 1 : null, into <= 24 ? step : null, step + 1].find((c) => c !== null && c > last);
    if (candidate != null) {
      lastTaken.set(key, candidate);
      return createOTP(secret, { digits: 6, period: 30 }).hotp(candidate);
    }
    await new Promise((r) => setTimeout(r, (30 - (seconds % 30) + 0.5) * 1000));
  }
}
