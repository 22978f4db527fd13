import { AUDIT_ACTIONS, type AuditEntry } from '@charla/contracts';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEn } from './audit.en';
import { auditEs } from './audit.es';
import { describeAuditEntry } from './audit-sentence';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { es: { translation: { auditLog: auditEs } }, en: { translation: { auditLog: auditEn } } },
    lng: 'es',
    interpolation: { escapeValue: false },
  });
});
const inSpanish = (key: string, values?: Record<string, unknown>) =>
  i18n.getFixedT('es')(key, values ?? {}) as string;
const inEnglish = (key: string, values?: Record<string, unknown>) =>
  i18n.getFixedT('en')(key, values ?? {}) as string;

const line = (partial: Partial<AuditEntry>): AuditEntry => ({
  id: '1',
  at: '2026-12-06T10:00:00.000Z',
  action: 'auth.login',
  actor: { id: 'u1', name: 'Ana' },
  target: { type: null, id: null, label: null },
  ip: '203.0.113.9',
  details: {},
  ...partial,
});

describe('describeAuditEntry', () => {
  it('says who changed whose role, from what to what, in both languages', () => {
    const e = line({
      action: 'member.role_changed',
      target: { type: 'member', id: 'u2', label: 'Luis' },
      details: { from: 'agent', to: 'admin' },
    });
    expect(describeAuditEntry(e, inSpanish).sentence).toBe(
      'Ana cambió el rol de Luis de agente a administrador',
    );
    expect(describeAuditEntry(e, inEnglish).sentence).toBe("Ana changed Luis's role from agent to admin");
  });

  it('lists each setting changed with its old and new value', () => {
    const e = line({
      action: 'settings.changed',
      details: {
        area: 'workspace',
        changes: {
          conversationVisibility: { from: 'all', to: 'assigned' },
          optOutKeywords: { from: ['BAJA'], to: ['BAJA', 'STOP'] },
          autoAssign: { from: false, to: true },
        },
      },
    });
    const { sentence, changes } = describeAuditEntry(e, inSpanish);
    expect(sentence).toBe(
      'Ana cambió la asignación automática, quién ve las conversaciones, las palabras de baja',
    );
    expect(changes).toEqual([
      'la asignación automática: no → sí',
      'quién ve las conversaciones: todas para todos → cada agente las suyas',
      'las palabras de baja: BAJA → BAJA, STOP',
    ]);
  });

  it('never names an erased contact, and shows an unknown action by its code', () => {
    const erased = line({
      action: 'contact.erased',
      target: { type: 'contact', id: 'c1', label: null },
      details: { messages: 12, files: 2 },
    });
    expect(describeAuditEntry(erased, inEnglish).sentence).toBe(
      'Ana erased a contact for good (12 messages, 2 files)',
    );
    expect(describeAuditEntry(line({ action: 'webhook.rotated' }), inEnglish).sentence).toBe(
      'Ana: webhook.rotated',
    );
    expect(
      describeAuditEntry(
        line({
          action: 'auth.login_failed',
          actor: { id: null, name: null },
          target: { type: 'member', id: 'u1', label: 'ana@example.com' },
        }),
        inSpanish,
      ).sentence,
    ).toBe('Intento fallido de iniciar sesión como ana@example.com');
  });

  it('tells automation changes in both languages: a bot published with its version, business hours', () => {
    const published = line({
      action: 'bot.published',
      target: { type: 'flow', id: 'f1', label: 'Pedidos' },
      details: { version: 3 },
    });
    expect(describeAuditEntry(published, inSpanish).sentence).toBe(
      'Ana publicó la versión 3 del bot Pedidos',
    );
    expect(describeAuditEntry(published, inEnglish).sentence).toBe(
      'Ana published version 3 of the bot Pedidos',
    );
    const workspaceHours = line({
      action: 'business_hours.changed',
      target: { type: 'workspace', id: 'w1', label: null },
    });
    expect(describeAuditEntry(workspaceHours, inEnglish).sentence).toBe(
      "Ana changed the workspace's business hours",
    );
    const teamHours = line({
      action: 'business_hours.changed',
      target: { type: 'team', id: 't1', label: 'Ventas' },
    });
    expect(describeAuditEntry(teamHours, inSpanish).sentence).toBe(
      'Ana cambió el horario de atención del equipo Ventas',
    );
    const enrolled = line({
      action: 'sequence.contacts_enrolled',
      target: { type: 'sequence', id: 's1', label: 'Bienvenida' },
      details: { contacts: 4 },
    });
    expect(describeAuditEntry(enrolled, inEnglish).sentence).toBe(
      'Ana enrolled contacts in the sequence Bienvenida (4)',
    );
  });

  it('tells what happened to an API key: made, revoked, used from a new address or for the first time', () => {
    const key = { type: 'api_key', id: 'k1', label: 'Tienda en línea' };
    expect(describeAuditEntry(line({ action: 'api_key.created', target: key }), inSpanish).sentence).toBe(
      'Ana creó la clave de API Tienda en línea',
    );
    expect(describeAuditEntry(line({ action: 'api_key.revoked', target: key }), inEnglish).sentence).toBe(
      'Ana revoked the API key Tienda en línea',
    );
    // A key's use is recorded in its own name, with the address it came from before.
    const used = (previousIp: string | null) =>
      line({
        action: 'api_key.used',
        actor: { id: null, name: 'Tienda en línea' },
        target: key,
        ip: '198.51.100.7',
        details: { previousIp },
      });
    expect(describeAuditEntry(used('203.0.113.9'), inSpanish).sentence).toBe(
      'La clave de API Tienda en línea se usó desde una dirección nueva (antes: 203.0.113.9)',
    );
    expect(describeAuditEntry(used(null), inEnglish).sentence).toBe(
      'The API key Tienda en línea was used for the first time',
    );
  });

  it('tells what happened to a webhook, and why Charla turned one off', () => {
    const hook = { type: 'webhook', id: 'w1', label: 'https://tienda.example/hooks/charla' };
    expect(describeAuditEntry(line({ action: 'webhook.created', target: hook }), inSpanish).sentence).toBe(
      'Ana creó el webhook https://tienda.example/hooks/charla',
    );
    expect(
      describeAuditEntry(
        line({ action: 'webhook.updated', target: hook, details: { changed: ['events', 'enabled'] } }),
        inEnglish,
      ).sentence,
    ).toBe('Ana changed the webhook https://tienda.example/hooks/charla (events, on/off)');
    expect(
      describeAuditEntry(line({ action: 'webhook.secret_rotated', target: hook }), inSpanish).sentence,
    ).toBe('Ana renovó el secreto del webhook https://tienda.example/hooks/charla');
    const reason = 'Every delivery failed for more than 24 hours (the last: HTTP 500).';
    const disabled = line({
      action: 'webhook.disabled',
      actor: { id: null, name: null },
      target: hook,
      ip: null,
      details: { reason },
    });
    expect(describeAuditEntry(disabled, inSpanish)).toEqual({
      sentence: 'Charla desactivó el webhook https://tienda.example/hooks/charla tras un día de fallos',
      changes: [reason],
    });
    expect(describeAuditEntry(disabled, inEnglish).sentence).toBe(
      'Charla turned off the webhook https://tienda.example/hooks/charla after a day of failures',
    );
  });

  it('has a filter label and a sentence for every action, in both languages', () => {
    for (const action of AUDIT_ACTIONS)
      for (const lang of ['es', 'en'])
        for (const kind of ['actions', 'sentence'])
          expect(i18n.exists(`auditLog.${kind}.${action}`, { lng: lang }), `${lang} ${kind} ${action}`).toBe(
            true,
          );
  });
});
