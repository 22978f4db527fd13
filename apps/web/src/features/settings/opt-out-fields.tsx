import type { WorkspaceSettings } from '@charla/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/field';
import { Input } from '../../ui/input';

type OptOutSettings = Pick<
  WorkspaceSettings,
  'optOutKeywords' | 'optInKeywords' | 'optOutAutoReply' | 'marketingOptedInOnly'
>;

const parseKeywords = (text: string) =>
  text
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);

/** Settings › Workspace: the words that opt a customer out or back in, and the confirmation. */
export function OptOutFields({
  value,
  onChange,
}: {
  value: OptOutSettings;
  onChange: (patch: Partial<OptOutSettings>) => void;
}) {
  const { t } = useTranslation();
  // The typed text is kept as is (a trailing comma while typing), the lists are what is saved.
  const [outText, setOutText] = useState(value.optOutKeywords.join(', '));
  const [inText, setInText] = useState(value.optInKeywords.join(', '));
  return (
    <fieldset className="flex flex-col gap-3 border-t border-neutral-200 pt-5 dark:border-neutral-800">
      <legend className="text-sm font-medium">{t('optOut.legend')}</legend>
      <p className="text-xs text-neutral-500 dark:text-neutral-400">{t('optOut.hint')}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="opt-out-keywords" label={t('optOut.outKeywords')}>
          <Input
            id="opt-out-keywords"
            value={outText}
            onChange={(event) => {
              setOutText(event.target.value);
              onChange({ optOutKeywords: parseKeywords(event.target.value) });
            }}
            data-testid="opt-out-keywords"
          />
        </Field>
        <Field id="opt-in-keywords" label={t('optOut.inKeywords')}>
          <Input
            id="opt-in-keywords"
            value={inText}
            onChange={(event) => {
              setInText(event.target.value);
              onChange({ optInKeywords: parseKeywords(event.target.value) });
            }}
            data-testid="opt-in-keywords"
          />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={value.optOutAutoReply}
          onChange={(event) => onChange({ optOutAutoReply: event.target.checked })}
          data-testid="opt-out-auto-reply"
        />
        {t('optOut.autoReply')}
      </label>
      <div className="flex flex-col gap-1 pt-2">
        <p className="text-sm font-medium">{t('marketingConsent.legend')}</p>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={value.marketingOptedInOnly}
            onChange={(event) => onChange({ marketingOptedInOnly: event.target.checked })}
            data-testid="marketing-opted-in-only"
          />
          {t('marketingConsent.optedInOnly')}
        </label>
        <p className="pl-6 text-xs text-neutral-500 dark:text-neutral-400">{t('marketingConsent.hint')}</p>
      </div>
    </fieldset>
  );
}
