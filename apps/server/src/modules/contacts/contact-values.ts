import type { ContactAttributeDefinition, ContactAttributeValue } from '@charla/contracts';

export type ValueCheck = { ok: true; value: ContactAttributeValue } | { ok: false; reason: string };

const TRUE = new Set(['true', 'yes', 'y', 'si', 'sí', 's', '1', 'verdadero', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0', 'falso']);

export function parseBoolean(raw: string): boolean | null {
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return null;
}

function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** `DD/MM/YYYY` (how Spain and Mexico write dates) or `YYYY-MM-DD`, to `YYYY-MM-DD`. */
function toIsoDate(raw: string): string | null {
  const s = raw.trim();
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]?.padStart(2, '0')}-${m[1]?.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * Checks a value against its attribute's type. Values from a CSV arrive as text and are read
 * leniently (`1.234,5`, `sí`, `31/12/2024`); values from the API must already have the type.
 */
export function checkAttributeValue(
  def: Pick<ContactAttributeDefinition, 'type' | 'options'>,
  value: unknown,
  from: 'api' | 'csv',
): ValueCheck {
  const text = typeof value === 'string' ? value.trim() : null;
  switch (def.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 1000
        ? { ok: true, value }
        : { ok: false, reason: 'must be text of at most 1000 characters' };
    case 'number': {
      if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
      if (from === 'csv' && text) {
        const normalised = /,\d{1,2}$/.test(text) ? text.replace(/\./g, '').replace(',', '.') : text;
        const n = Number(normalised.replace(/[\s_]/g, ''));
        if (normalised !== '' && Number.isFinite(n)) return { ok: true, value: n };
      }
      return { ok: false, reason: 'must be a number' };
    }
    case 'date': {
      const iso = text === null ? null : from === 'csv' ? toIsoDate(text) : isIsoDate(text) ? text : null;
      return iso ? { ok: true, value: iso } : { ok: false, reason: 'must be a date (YYYY-MM-DD)' };
    }
    case 'boolean': {
      if (typeof value === 'boolean') return { ok: true, value };
      const b = from === 'csv' && text !== null ? parseBoolean(text) : null;
      return b === null ? { ok: false, reason: 'must be true or false' } : { ok: true, value: b };
    }
    case 'list': {
      const options = def.options ?? [];
      const match = text === null ? undefined : options.find((o) => o.toLowerCase() === text.toLowerCase());
      return match !== undefined
        ? { ok: true, value: match }
        : { ok: false, reason: `must be one of: ${options.join(', ')}` };
    }
  }
}

/** Tags from one CSV cell: separated by `,`, `;` or `|`, trimmed, without repeats. */
export function splitTags(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[,;|]/)
        .map((t) => t.trim().slice(0, 50))
        .filter(Boolean),
    ),
  ];
}
