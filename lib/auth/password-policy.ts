import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";

/**
 * Therapist passwords: at least 12 characters and not guessable — zxcvbn (common-password lists,
 * keyboard patterns, dates, repeats, the person's own name and e-mail) must rate it 3 of 4 or better.
 */
const MIN_PASSWORD_LENGTH = 12;
const MIN_SCORE = 3;

let checker: ZxcvbnFactory | undefined;

/** Why a password is not acceptable, or undefined when it is. */
export function passwordProblem(password: string, personal: readonly string[] = []): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if ([...password].length > 256) return "Use at most 256 characters";
  checker ??= new ZxcvbnFactory({ dictionary: { ...commonDictionary, ...englishDictionary }, graphs: adjacencyGraphs, translations });
  const inputs = personal.flatMap((p) => [p, p.replace(/[^\p{L}\p{N}]+/gu, ""), ...p.split(/[^\p{L}\p{N}]+/u)]).filter((p) => p.length >= 3);
  const result = checker.check(password, inputs);
  if (result.score >= MIN_SCORE) return undefined;
  const hint = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, "")})` : "";
  return `This password is too easy to guess${hint}. Use a longer passphrase of unrelated words`;
}
