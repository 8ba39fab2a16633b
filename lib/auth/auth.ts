import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { twoFactor } from "better-auth/plugins";
import { eq } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { getKeyMaterial } from "@/lib/crypto/key-material";
import { getDb } from "@/db/client";
import { accounts, rateLimits, sessions, twoFactors, users, verifications } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/audit-log";
import { clientAddress } from "./client-address";
import { authRateLimitStorage, consume, FIFTEEN_MIN_MS, isKnownAddress, isSpent, markKnownAddress } from "@/lib/rate-limit/limiter";
import { claimStep, currentTotpSecret, isStepUsed, TOTP_OPTIONS, totpStepOf } from "./totp";
import { SESSION_MAX_AGE_MS } from "@/lib/lifetimes";

/**
 * better-auth, configured for a handful of therapist accounts (ADR 009):
 * - no sign-up at all (accounts come from `npm run users`);
 * - password, then TOTP, always: the CLI enrols TOTP as verified, so the first sign-in is challenged;
 * - its rate limiter on in every environment, counters in the database;
 * - sessions of at most 12 hours, never extended (requireTherapist() also ends idle sessions);
 * - every sign-in, failure and 2FA attempt audited.
 */

export const TOTP_ISSUER = "Ketamine intake";
export const SESSION_MAX_AGE_S = SESSION_MAX_AGE_MS / 1000;
const SIGN_IN_WINDOW_S = 15 * 60;

function createAuth() {
  const config = getConfig();
  const secure = config.publicOrigin?.startsWith("https:") ?? false;
  // Without PUBLIC_ORIGIN the app is reached on this machine's port, by either local name.
  const local = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
  return betterAuth({
    appName: TOTP_ISSUER,
    secret: getKeyMaterial().authSecret,
    baseURL: config.publicOrigin ?? local[0],
    trustedOrigins: config.publicOrigin ? [config.publicOrigin] : local,
    basePath: "/api/auth",
    database: drizzleAdapter(getDb(), {
      provider: "sqlite",
      schema: { user: users, session: sessions, account: accounts, verification: verifications, twoFactor: twoFactors, rateLimit: rateLimits },
    }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 256 },
    user: { additionalFields: { disabled: { type: "boolean", required: false, defaultValue: false, input: false } } },
    session: { expiresIn: SESSION_MAX_AGE_S, updateAge: SESSION_MAX_AGE_S, cookieCache: { enabled: false } },
    rateLimit: {
      enabled: true,
      customStorage: authRateLimitStorage,
      window: 60,
      max: 60,
      customRules: {
        "/sign-in/email": { window: SIGN_IN_WINDOW_S, max: config.loginAttemptsPer15Min },
        "/two-factor/*": { window: SIGN_IN_WINDOW_S, max: config.loginAttemptsPer15Min },
      },
    },
    advanced: {
      useSecureCookies: secure,
      cookiePrefix: "therapist",
      defaultCookieAttributes: { httpOnly: true, sameSite: "strict", secure },
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
    },
    telemetry: { enabled: false },
    databaseHooks: {
      session: {
        create: {
          async before(session) {
            const user = getDb().select({ disabled: users.disabled }).from(users).where(eq(users.id, session.userId)).get();
            if (!user || user.disabled) throw APIError.from("FORBIDDEN", { message: "This account is disabled", code: "ACCOUNT_DISABLED" });
          },
        },
      },
    },
    hooks: {
      // Per account as well as per address: failures for one account from addresses it has never
      // signed in from are limited, so guessing from many machines is slowed, while the therapist's
      // own machines are never shut out by someone else's attempts. A success does not reset the
      // count: it must not wipe out what someone guessing elsewhere has spent.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/two-factor/verify-totp") return refuseUsedCode(ctx);
        if (ctx.path !== "/sign-in/email") return;
        const key = accountLimitKey(ctx);
        if (!key || !isSpent(key, config.loginAttemptsPer15Min, FIFTEEN_MIN_MS)) return;
        // Counting the refused attempt too starts (or doubles) the back-off.
        const result = consume(key, config.loginAttemptsPer15Min, FIFTEEN_MIN_MS);
        throw new APIError("TOO_MANY_REQUESTS", { message: "Too many attempts for this account. Try again later.", code: "ACCOUNT_RATE_LIMITED" }, { "Retry-After": String(Math.max(1, result.retryAfter)) });
      }),
      after: createAuthMiddleware(async (ctx) => {
        const path = ctx.path;
        if (path !== "/sign-in/email" && path !== "/two-factor/verify-totp") return;
        const ipAddress = ctx.request ? clientAddress(ctx.request.headers) : null;
        const failed = ctx.context.returned instanceof Error || ctx.context.returned instanceof APIError;
        if (path === "/sign-in/email") {
          const key = accountLimitKey(ctx);
          if (failed && key) consume(key, config.loginAttemptsPer15Min, FIFTEEN_MIN_MS);
          const email = typeof ctx.body?.email === "string" ? ctx.body.email.trim().toLowerCase() : "";
          const user = email ? getDb().select({ id: users.id, email: users.email }).from(users).where(eq(users.email, email)).get() : undefined;
          await recordAuditEvent({
            action: failed ? "sign_in.failure" : "sign_in.success",
            actorUserId: user?.id ?? null,
            actorEmail: user?.email ?? null,
            ipAddress,
            detail: failed ? { reason: user ? "bad_credentials" : "unknown_account" } : { stage: "password" },
          });
          return;
        }
        const session = ctx.context.newSession;
        if (!failed && session && !(await claimSignInCode(ctx, session.user.id))) {
          // The same code won a concurrent sign-in first: this session never becomes usable.
          getDb().delete(sessions).where(eq(sessions.id, session.session.id)).run();
          await recordAuditEvent({ action: "two_factor.failure", actorUserId: session.user.id, actorEmail: session.user.email, ipAddress, detail: { reason: "code_already_used" } });
          throw APIError.from("UNAUTHORIZED", CODE_ALREADY_USED);
        }
        if (!failed && session) {
          if (ipAddress) markKnownAddress(session.user.email, ipAddress);
          // The only way to a session that requireTherapist() accepts.
          getDb().update(sessions).set({ twoFactorVerifiedAt: new Date(), lastActiveAt: new Date() }).where(eq(sessions.id, session.session.id)).run();
        }
        await recordAuditEvent({
          action: failed || !session ? "two_factor.failure" : "two_factor.success",
          actorUserId: session?.user.id ?? null,
          actorEmail: session?.user.email ?? null,
          ipAddress,
        });
      }),
    },
    plugins: [
      twoFactor({
        issuer: TOTP_ISSUER,
        // A second factor is only ever asked for after the right password, so this lock can only be
        // set off by someone who knows it; it stops them guessing codes, briefly.
        accountLockout: { enabled: true, maxFailedAttempts: 20, durationSeconds: 5 * 60 },
        totpOptions: TOTP_OPTIONS,
        // Never used (the endpoint that would set it refuses trustDevice), and kept short regardless.
        trustDeviceMaxAge: 60,
      }),
      nextCookies(),
    ],
  });
}

type Auth = ReturnType<typeof createAuth>;

const CODE_ALREADY_USED = { message: "That code was already used. Wait for the next code from your authenticator app.", code: "CODE_ALREADY_USED" };

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/** The per-account failure counter of a sign-in attempt, or null from an address the account has signed in from. */
function accountLimitKey(ctx: HookContext): string | null {
  const email = typeof ctx.body?.email === "string" ? ctx.body.email.trim().toLowerCase() : "";
  const address = ctx.request ? clientAddress(ctx.request.headers) : null;
  if (!email || (address && isKnownAddress(email, address))) return null;
  return `login-account:${email}`;
}

/** The account a pending two-factor challenge belongs to (better-auth's signed challenge cookie). */
async function challengedUserId(ctx: HookContext): Promise<string | null> {
  const cookie = ctx.context.createAuthCookie("two_factor");
  const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!identifier) return null;
  const challenge = await ctx.context.internalAdapter.findVerificationValue(identifier);
  return challenge?.value ?? null;
}

async function stepOfCode(ctx: HookContext, userId: string, window?: number): Promise<number | null> {
  const code = typeof ctx.body?.code === "string" ? ctx.body.code : "";
  const secret = await currentTotpSecret(userId, ctx.context.secretConfig);
  return secret ? totpStepOf(secret, code, Date.now(), window) : null;
}

/** Before the library checks a code: one already accepted for this account is refused, and the challenge stays open. */
async function refuseUsedCode(ctx: HookContext): Promise<void> {
  const userId = await challengedUserId(ctx);
  if (!userId) return; // the library refuses a missing or expired challenge itself
  const step = await stepOfCode(ctx, userId);
  if (step === null || !isStepUsed(userId, step)) return;
  const user = getDb().select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
  await recordAuditEvent({
    action: "two_factor.failure",
    actorUserId: userId,
    actorEmail: user?.email ?? null,
    ipAddress: ctx.request ? clientAddress(ctx.request.headers) : null,
    detail: { reason: "code_already_used" },
  });
  throw APIError.from("UNAUTHORIZED", CODE_ALREADY_USED);
}

/** After the library accepted a code: use it up (compare-and-set, so one of two racing sign-ins loses). */
async function claimSignInCode(ctx: HookContext, userId: string): Promise<boolean> {
  // A request may straddle a step boundary: look one step further back than the library did.
  const step = await stepOfCode(ctx, userId, 2);
  return step !== null && claimStep(userId, step);
}

const holder = globalThis as unknown as { __intakeAuth?: Auth };

/** The auth instance, created on first use (never at import: Next's build imports routes). */
export function getAuth(): Auth {
  holder.__intakeAuth ??= createAuth();
  return holder.__intakeAuth;
}
