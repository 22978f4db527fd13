import { CloudApiError, CloudApiNetworkError } from '@charla/cloud-api';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors';
import { toTemplateError } from './template-errors';

const meta = (init: Partial<ConstructorParameters<typeof CloudApiError>[0]>) =>
  new CloudApiError({ httpStatus: 400, code: 100, title: 'Invalid parameter', details: null, ...init });

describe('toTemplateError: Meta refusals as errors a person can act on', () => {
  it('names the field of a known template code', () => {
    const err = toTemplateError(
      meta({ subcode: 2388299, details: 'Leading or trailing params' }),
    ) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.kind).toBe('unprocessable');
    expect(err.code).toBe('invalid_template');
    expect(err.fields).toEqual([{ path: 'body', message: 'The body cannot start or end with a variable.' }]);
  });

  it('finds the field in Meta details, not in its generic title', () => {
    const err = toTemplateError(
      meta({ details: 'The name promo belonged to an approved template deleted recently.' }),
    ) as AppError;
    expect(err.fields?.[0]?.path).toBe('name');
    expect(err.message).toContain('The name promo belonged');
    const header = toTemplateError(meta({ details: 'Header text is too long' })) as AppError;
    expect(header.fields?.[0]?.path).toBe('header');
  });

  it('says what to do about tokens, rate limits, outages and the network', () => {
    expect((toTemplateError(meta({ httpStatus: 401, code: 190 })) as AppError).code).toBe(
      'whatsapp_token_rejected',
    );
    expect((toTemplateError(meta({ code: 80007 })) as AppError).kind).toBe('rate_limited');
    expect((toTemplateError(meta({ httpStatus: 500, code: 1 })) as AppError).kind).toBe('unavailable');
    expect((toTemplateError(new CloudApiNetworkError('ECONNREFUSED', false)) as AppError).code).toBe(
      'whatsapp_unreachable',
    );
  });

  it('reports a status Meta does not allow to change as a conflict', () => {
    const err = toTemplateError(meta({ code: 2388039 })) as AppError;
    expect(err.kind).toBe('conflict');
    expect(err.message).toMatch(/current status/);
  });
});
