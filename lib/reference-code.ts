import "server-only";
import { randomBytes, randomInt } from "node:crypto";

// Crockford base32 without I, L, O, U: easy to read aloud and type.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A short human-readable reference such as "KT-7XK4-9M2P" (40 random bits). */
export function newReferenceCode(): string {
  let code = "";
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `KT-${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Normalises what a person types: case, spaces, and look-alike letters. */
export function normalizeReferenceCode(input: string): string {
  const raw = input.toUpperCase().replace(/[^0-9A-Z]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  const body = raw.startsWith("KT") ? raw.slice(2) : raw;
  return body.length === 8 ? `KT-${body.slice(0, 4)}-${body.slice(4)}` : input.trim().toUpperCase();
}

/** What an intake id looks like (checked before any lookup of an id that came from a URL). */
export const INTAKE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** An unguessable intake id (128 random bits, URL-safe). */
export function newIntakeId(): string {
  return randomBytes(16).toString("base64url");
}
