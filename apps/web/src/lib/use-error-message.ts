import { useTranslation } from 'react-i18next';
import { isApiError } from './api';

/** Turns an API error into a sentence in the active language; falls back to the server's English. */
export function useErrorMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error: unknown) => {
    if (isApiError(error)) {
      if (error.code === 'too_many_attempts' && error.retryAfterSeconds) {
        return t('errors.tooManyAttemptsWait', { count: Math.ceil(error.retryAfterSeconds / 60) });
      }
      // Shared codes live in `errors`; a feature's own ones in `<feature>.errors` (access so far).
      for (const key of [`errors.${error.code}`, `access.errors.${error.code}`]) {
        if (i18n.exists(key)) return t(key);
      }
      if (error.message) return error.message;
    }
    return t('errors.unknown');
  };
}

/** The server's message for one field of a validation error, if any. */
export function fieldError(error: unknown, path: string): string | null {
  if (!isApiError(error)) return null;
  return error.fields.find((field) => field.path === path)?.message ?? null;
}

export function hasFieldErrors(error: unknown): boolean {
  return isApiError(error) && error.fields.length > 0;
}
