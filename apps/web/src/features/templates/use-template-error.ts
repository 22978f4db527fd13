import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { useErrorMessage } from '../../lib/use-error-message';

/** The server's template refusals in the UI language; anything else as the rest of the app says it. */
export function useTemplateErrorMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  return (error: unknown) => {
    const key = isApiError(error) ? `templates.errors.${error.code}` : null;
    return key && i18n.exists(key) ? t(key) : errorMessage(error);
  };
}

/** Field messages are only worth listing when the sentence above does not already say it all. */
export function isTranslatedTemplateError(error: unknown, exists: (key: string) => boolean): boolean {
  return isApiError(error) && exists(`templates.errors.${error.code}`);
}
