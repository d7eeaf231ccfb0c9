/** The two labels every code carries: Vietnamese for the people who use the system, English for the rest. */
export interface CodeLabels {
  vi: string;
  en: string;
}

/** One entry of a code list as `GET /codes` serves it. */
export interface CodeListEntry extends CodeLabels {
  code: string;
  /** The letter the law uses for the group (only special circumstances have one, e.g. 'đ'). */
  letter?: string;
}

/**
 * Builds a served list from the ordered codes and a label record. The record is keyed by the
 * code union, so the compiler refuses a code without labels; the array keeps the display order.
 */
export function toCodeList<C extends string>(codes: readonly C[], labels: Record<C, CodeLabels>): CodeListEntry[] {
  return codes.map((code) => ({ code, vi: labels[code].vi, en: labels[code].en }));
}

/** Type guard for values that come from outside (DTOs, database rows). */
export function isCode<C extends string>(codes: readonly C[], value: unknown): value is C {
  return typeof value === 'string' && (codes as readonly string[]).includes(value);
}
