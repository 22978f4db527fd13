/** Defaults of `workspaces.opt_out_keywords` / `opt_in_keywords` (also the migration's defaults). */
export const DEFAULT_OPT_OUT_KEYWORDS = ['STOP', 'BAJA', 'ALTO', 'CANCELAR', 'UNSUBSCRIBE'];
export const DEFAULT_OPT_IN_KEYWORDS = ['START', 'ALTA', 'SUSCRIBIR'];

/**
 * A keyword as compared: no accents, upper case, no spaces or punctuation around it, inner
 * spaces collapsed. "  Báj́a! " and "BAJA" are the same keyword.
 */
export function normaliseKeyword(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/\s+/g, ' ');
}

/**
 * What a customer's whole message asks for: `opt_out`, `opt_in`, or null when it is not exactly
 * one keyword ("quiero darme de baja" is a sentence, not the keyword: an agent reads it).
 */
export function consentKeyword(
  text: string | null,
  lists: { optOut: string[]; optIn: string[] },
): 'opt_out' | 'opt_in' | null {
  if (!text || text.length > 60) return null;
  const said = normaliseKeyword(text);
  if (!said) return null;
  if (lists.optOut.some((k) => normaliseKeyword(k) === said)) return 'opt_out';
  if (lists.optIn.some((k) => normaliseKeyword(k) === said)) return 'opt_in';
  return null;
}

/** The confirmation sent back, in the workspace's language. */
export function consentReply(
  action: 'opt_out' | 'opt_in',
  locale: string,
  optInKeyword: string | undefined,
): string {
  const again = optInKeyword ?? DEFAULT_OPT_IN_KEYWORDS[0]!;
  if (locale === 'en') {
    return action === 'opt_out'
      ? `Done: you will not receive more messages from us. Reply ${again} to receive them again.`
      : 'Welcome back: you will receive our messages again.';
  }
  return action === 'opt_out'
    ? `Listo: no te enviaremos más mensajes. Si quieres volver a recibirlos, responde ${again}.`
    : '¡Bienvenido de nuevo! Volverás a recibir nuestros mensajes.';
}
