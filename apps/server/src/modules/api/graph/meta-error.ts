import { randomBytes } from 'node:crypto';
import { AppError } from '../../../platform/errors';

/** Meta's error envelope (cloud-api reference §6.1): `(#code) title`, `error_data.details`, `fbtrace_id`. */
export interface MetaErrorAnswer {
  status: number;
  body: {
    error: {
      message: string;
      type: string;
      code: number;
      error_data?: { messaging_product: 'whatsapp'; details: string };
      error_subcode?: number;
      fbtrace_id: string;
    };
  };
}

const envelope = (
  status: number,
  code: number,
  title: string,
  details: string,
  extra: object = {},
): MetaErrorAnswer => ({
  status,
  body: {
    error: {
      message: code === 190 ? title : `(#${code}) ${title}`,
      type: 'OAuthException',
      code,
      error_data: { messaging_product: 'whatsapp', details },
      ...extra,
      fbtrace_id: randomBytes(12).toString('base64url'),
    },
  },
});

/**
 * Charla's errors as Meta answers them, so a Cloud API client handles them as it would Meta's:
 * the code Meta uses for the same problem, Charla's own sentence as `error_data.details`.
 */
export function toMetaError(err: unknown): MetaErrorAnswer {
  if (err instanceof AppError) {
    const details = err.fields?.length
      ? `${err.message} (${err.fields.map((f) => `${f.path}: ${f.message}`).join('; ')})`
      : err.message;
    switch (err.code) {
      case 'api_key_missing':
      case 'api_key_unknown':
      case 'api_key_revoked':
      case 'api_key_expired':
        return envelope(401, 190, `Error validating access token: ${err.message}`, details);
      case 'missing_scope':
        return envelope(403, 10, 'Application does not have permission for this action', details);
      case 'window_closed':
        return envelope(400, 131047, 'Re-engagement message', details);
      case 'template_not_found':
        return envelope(404, 132001, 'Template name does not exist in the translation', details);
      case 'template_values_missing':
      case 'template_values_unknown':
        return envelope(
          400,
          132000,
          'Number of parameters does not match the expected number of params',
          details,
        );
      case 'rate_limited':
        return envelope(429, 130429, 'Rate limit hit', details);
      case 'channel_not_found':
        return envelope(400, 100, 'Unsupported post request', details, { error_subcode: 33 });
      case 'invalid_phone':
      case 'not_sendable':
      case 'media_not_found':
      case 'media_link_not_supported':
        return envelope(400, 131009, 'Parameter value is not valid', details);
      case 'validation_failed':
        return envelope(400, 100, 'Invalid parameter', details);
      default:
        if (err.kind === 'too_large') return envelope(400, 131053, 'Media upload error', details);
        return envelope(err.kind === 'not_found' ? 404 : 400, 100, 'Invalid parameter', details);
    }
  }
  return envelope(500, 1, 'An unknown error occurred', 'Something went wrong on our side; try again.');
}
