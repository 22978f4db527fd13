export const minPasswordLength = 10;

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
