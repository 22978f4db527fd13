import { CloudApiError, CloudApiNetworkError } from '@charla/cloud-api';
import { describeWhatsAppError, WHATSAPP_ERRORS } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import { SendFailure } from '../../inbox';
import { describeCloudApiError, MAY_HAVE_BEEN_SENT, toSendFailure } from './cloud-api-errors';

// Reference §6.2, with the Retry column: Y -> yes, L -> later, N -> no.
const REFERENCE: Record<number, 'yes' | 'later' | 'no'> = {
  0: 'no',
  1: 'later',
  2: 'yes',
  3: 'no',
  4: 'yes',
  10: 'no',
  33: 'no',
  100: 'no',
  190: 'no',
  200: 'no',
  368: 'later',
  80007: 'yes',
  130403: 'no',
  130429: 'yes',
  130472: 'no',
  130497: 'no',
  131000: 'yes',
  131005: 'no',
  131008: 'no',
  131009: 'no',
  131016: 'yes',
  131021: 'no',
  131026: 'no',
  131030: 'no',
  131031: 'no',
  131037: 'no',
  131042: 'later',
  131044: 'later',
  131045: 'no',
  131047: 'no',
  131048: 'later',
  131049: 'later',
  131050: 'no',
  131051: 'no',
  131052: 'no',
  131053: 'no',
  131055: 'no',
  131056: 'yes',
  131057: 'yes',
  131060: 'no',
  131062: 'no',
  131063: 'no',
  131064: 'later',
  132000: 'no',
  132001: 'no',
  132005: 'no',
  132007: 'no',
  132008: 'no',
  132012: 'no',
  132015: 'later',
  132016: 'no',
  132018: 'no',
  132068: 'no',
  132069: 'later',
  133000: 'no',
  133001: 'no',
  133002: 'no',
  133003: 'no',
  133004: 'yes',
  133005: 'no',
  133006: 'no',
  133008: 'later',
  133009: 'later',
  133010: 'no',
  133015: 'later',
  133016: 'later',
  134011: 'no',
  134100: 'later',
  134101: 'later',
  134102: 'later',
  135000: 'no',
  137000: 'no',
  2388019: 'no',
  2388039: 'later',
  2388040: 'no',
  2388047: 'no',
  2388072: 'no',
  2388073: 'no',
  2388293: 'no',
  2388299: 'no',
  2494100: 'yes',
};

describe('WhatsApp error catalogue', () => {
  it.each(Object.entries(REFERENCE))('code %s has both languages and the reference retry', (code, retry) => {
    const entry = WHATSAPP_ERRORS[Number(code)];
    expect(entry?.retry).toBe(retry);
    expect(entry!.en).toMatch(/^[A-Z].{20,}[.]$/);
    expect(entry!.es).toMatch(/^[A-ZÁÉÍÓÚ¿].{20,}[.]$/);
    expect(entry!.es).not.toBe(entry!.en);
  });

  it('has nothing the reference does not', () => {
    expect(Object.keys(WHATSAPP_ERRORS).sort()).toEqual(Object.keys(REFERENCE).sort());
  });

  it('covers the permission range and names unknown codes', () => {
    expect(describeWhatsAppError(230, 'es')).toBe(WHATSAPP_ERRORS[200]!.es);
    expect(describeWhatsAppError(999999)).toBe('WhatsApp refused the message (error 999999).');
    expect(describeWhatsAppError(null, 'es')).toMatch(/no indicó/);
  });
});

describe('Cloud API errors as send failures', () => {
  const graph = (code: number, httpStatus = 400) =>
    new CloudApiError({ httpStatus, code, title: 't', details: 'd' });

  it('retries only what the catalogue says is safe to retry', () => {
    expect(describeCloudApiError(130429, 400).retryable).toBe(true);
    expect(describeCloudApiError(131056, 400).retryable).toBe(true);
    expect(describeCloudApiError(131049, 400).retryable).toBe(false);
    expect(describeCloudApiError(131026).retryable).toBe(false);
    expect(describeCloudApiError(0, 502)).toEqual({
      reason: expect.stringMatching(/server error/),
      retryable: true,
    });
    expect(describeCloudApiError(0, 401).reason).toBe(WHATSAPP_ERRORS[0]!.en);
  });

  it('keeps the code and the English sentence, and never retries what may have been sent', () => {
    const rate = toSendFailure(graph(130429)) as SendFailure;
    expect(rate).toBeInstanceOf(SendFailure);
    expect(rate.retryable).toBe(true);
    expect(rate.error).toEqual({ code: 130429, reason: WHATSAPP_ERRORS[130429]!.en, details: 'd' });

    const timeout = toSendFailure(new CloudApiNetworkError('timed out', true)) as SendFailure;
    expect(timeout.retryable).toBe(false);
    expect(timeout.error.reason).toBe(MAY_HAVE_BEEN_SENT);

    const refused = toSendFailure(new CloudApiNetworkError('ECONNREFUSED', false)) as SendFailure;
    expect(refused.retryable).toBe(true);

    const oddSuccess = toSendFailure(graph(0, 200)) as SendFailure;
    expect(oddSuccess.retryable).toBe(false);
    expect(oddSuccess.error.reason).toBe(MAY_HAVE_BEEN_SENT);
  });
});
