/**
 * What the source codes on a consideration ("SAN17, TKC") stand for: the one place this wording
 * lives. The therapist's intake page explains each code where it appears; the rules document's
 * closing "Sources:" sentence is the same text (sourcesSentence()). Universal and pure.
 */

export const SOURCES = {
  SAN17: "Sanacora et al., JAMA Psychiatry 2017",
  SPR: "esketamine (Spravato) labelling, approved for major depressive disorder, not bipolar depression",
  TKC: "published ketamine-clinic criteria",
  TRBD: "Hidalgo-Mazzei et al., Br J Psychiatry 2019",
  DIAZ10: "Diazgranados et al. 2010 and Zarate et al. 2012",
  SEED: "clinical article supplied with the project",
} as const satisfies Record<string, string>;

export type SourceCode = keyof typeof SOURCES;

export function isSourceCode(code: string): code is SourceCode {
  return Object.hasOwn(SOURCES, code);
}

export interface SourceRef {
  code: string;
  /** Undefined for a code this map does not know (shown as it is, never dropped). */
  meaning?: string;
}

/** "SPR, SEED" → each code with its meaning, in the order written. */
export function sourceRefs(source: string | null | undefined): SourceRef[] {
  return (source ?? "")
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean)
    .map((code) => ({ code, meaning: isSourceCode(code) ? SOURCES[code] : undefined }));
}

/** The rules document's closing sentence, from the same map. */
export function sourcesSentence(): string {
  return `Sources: ${Object.entries(SOURCES)
    .map(([code, meaning]) => `${code} = ${meaning}`)
    .join("; ")}.`;
}
