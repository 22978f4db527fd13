import type { WorkspaceSettings } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/field';
import { Select } from '../../ui/input';
import { useTemplates } from '../templates/templates.api';
import { useChannels } from './settings.api';

type CsatSettings = Pick<WorkspaceSettings, 'csatEnabled' | 'csatTemplateId'>;

/**
 * Settings › Workspace: ask customers to rate a conversation when a person resolves it, and the
 * approved template that asks once their 24-hour window has closed (a list asks inside it).
 */
export function CsatFields({
  value,
  onChange,
  disabled,
}: {
  value: CsatSettings;
  onChange: (patch: Partial<CsatSettings>) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const channels = useChannels();
  // A template belongs to one business account; each account's numbers send that account's
  // template of the same name and language, so every account's templates are offered.
  const accounts = [...new Map((channels.data ?? []).map((c) => [c.wabaId, c])).values()];
  return (
    <fieldset
      className="flex flex-col gap-3 border-t border-neutral-200 pt-5 dark:border-neutral-800"
      data-testid="csat-settings"
    >
      <legend className="text-sm font-medium">{t('csat.legend')}</legend>
      <p className="text-xs text-neutral-500 dark:text-neutral-400">{t('csat.hint')}</p>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={value.csatEnabled}
          disabled={disabled}
          onChange={(event) => onChange({ csatEnabled: event.target.checked })}
          data-testid="csat-enabled"
        />
        {t('csat.enabled')}
      </label>
      <Field id="csat-template" label={t('csat.template')} hint={t('csat.templateHint')}>
        <Select
          id="csat-template"
          value={value.csatTemplateId ?? ''}
          disabled={disabled || !value.csatEnabled}
          onChange={(event) => onChange({ csatTemplateId: event.target.value || null })}
          data-testid="csat-template"
        >
          <option value="">{t('csat.noTemplate')}</option>
          {accounts.map((channel) => (
            <AccountTemplates
              key={channel.wabaId}
              wabaId={channel.wabaId}
              label={accounts.length > 1 ? t('csat.account', { number: channel.displayPhoneNumber }) : null}
            />
          ))}
        </Select>
      </Field>
    </fieldset>
  );
}

/** The approved templates of one business account the survey can send as they are. */
function AccountTemplates({ wabaId, label }: { wabaId: string; label: string | null }) {
  const templates = useTemplates(wabaId, 'approved');
  // No variables and no header file: nothing to fill in for each customer.
  const fillable = (templates.data ?? []).filter(
    (tpl) =>
      tpl.category !== 'authentication' &&
      !`${tpl.body}${JSON.stringify(tpl.buttons)}${tpl.header?.format === 'text' ? tpl.header.text : ''}`.includes(
        '{{',
      ) &&
      (tpl.header === null || tpl.header.format === 'text'),
  );
  const options = fillable.map((tpl) => (
    <option key={tpl.id} value={tpl.id}>
      {tpl.name} ({tpl.language})
    </option>
  ));
  return label === null ? options : <optgroup label={label}>{options}</optgroup>;
}
