import "server-only";
import { createOTP } from "@better-auth/utils/otp";
import { symmetricDecrypt } from "better-auth/crypto";
import { accountsRepository } from "@/db/repositories/accounts";

/**
 * TOTP codes, each accepted once per account (ASVS 2.8.4). A code is tied to its 30-second time
 * step; the account's last accepted step is kept in the database (so every instance sees it) and
 * only ever moves forward, with a compare-and-set, so two sign-ins racing with one code cannot
 * both win.
 */

export const TOTP_OPTIONS = { digits: 6, period: 30 } as const;
/** One step either side of now, as better-auth accepts (clock drift on the phone). */
const WINDOW = 1;

type DecryptionKey = Parameters<typeof symmetricDecrypt>[0]["key"];

const stepAt = (now: number) => Math.floor(now / 1000 / TOTP_OPTIONS.period);

/** The time step a code belongs to, within the accepted window, or null when it matches none. */
export async function totpStepOf(secret: string, code: string, now = Date.now(), window = WINDOW): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const otp = createOTP(secret, TOTP_OPTIONS);
  const current = stepAt(now);
  let matched: number | null = null;
  for (let step = current - window; step <= current + WINDOW; step++) if ((await otp.hotp(step)) === code) matched = step;
  return matched;
}

/** The account's current TOTP secret, decrypted with the auth library's key. */
export async function currentTotpSecret(userId: string, authSecret: DecryptionKey): Promise<string | null> {
  const secret = await accountsRepository.encryptedTotpSecret(userId);
  return secret ? symmetricDecrypt({ key: authSecret, data: secret }) : null;
}

/** True when a code of this step (or a later one) was already accepted for the account. */
export async function isStepUsed(userId: string, step: number): Promise<boolean> {
  const last = await accountsRepository.lastUsedStep(userId);
  return last != null && last >= step;
}

/** Marks a step used; false when it (or a later one) already was — the code is then refused. */
export function claimStep(userId: string, step: number): Promise<boolean> {
  return accountsRepository.claimStep(userId, step);
}

type CodeCheck = "ok" | "wrong" | "used";

/** Checks a code against the account's current secret and uses it up. */
export async function useCurrentCode(userId: string, code: string, authSecret: DecryptionKey): Promise<CodeCheck> {
  const secret = await currentTotpSecret(userId, authSecret);
  const step = secret ? await totpStepOf(secret, code) : null;
  if (step === null) return "wrong";
  return (await claimStep(userId, step)) ? "ok" : "used";
}
