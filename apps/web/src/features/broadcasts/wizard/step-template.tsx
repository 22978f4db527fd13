import type { Channel, Template } from '@charla/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { FileCheck2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cn } from '../../../lib/cn';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Badge } from '../../../ui/badge';
import { buttonClasses } from '../../../ui/button';
import { EmptyState } from '../../../ui/empty-state';
import { Field } from '../../../ui/field';
import { Input, Select } from '../../../ui/input';
import { Spinner } from '../../../ui/spinner';
import { languageName } from '../../templates/template-languages';
import { defaultVariables } from '../template-variables';
import type { StepProps } from './wizard-state';

type Props = StepProps & { channels: Channel[]; templates: UseQueryResult<Template[]> };

export function StepTemplate({ state, change, channels, templates }: Props) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [search, setSearch] = useState('');
  const onlyChannel = channels.length === 1 ? channels[0] : undefined;

  useEffect(() => {
    if (onlyChannel && !state.channelId) change({ channelId: onlyChannel.id });
  }, [onlyChannel, state.channelId, change]);

  const pick = (template: Template) => {
    if (template.id === state.templateId) return;
    change({
      templateId: template.id,
      variables: defaultVariables(template, t('broadcasts.variables.nameFallback')),
    });
  };
  const q = search.trim().toLowerCase();
  const shown = (templates.data ?? []).filter(
    (x) => !q || x.name.toLowerCase().includes(q) || x.body.toLowerCase().includes(q),
  );

  return (
    <div className="flex flex-col gap-5">
      <Field
        id="broadcast-name"
        label={t('broadcasts.template.name')}
        hint={t('broadcasts.template.nameHint')}
      >
        <Input
          id="broadcast-name"
          data-testid="broadcast-name"
          value={state.name}
          maxLength={120}
          placeholder={t('broadcasts.template.namePlaceholder')}
          onChange={(e) => change({ name: e.target.value })}
        />
      </Field>
      {channels.length === 0 ? (
        <Alert tone="warning">
          {t('broadcasts.template.noChannels')}{' '}
          <Link to="/settings/channels" className="font-medium underline">
            {t('broadcasts.template.connect')}
          </Link>
        </Alert>
      ) : (
        <Field id="broadcast-channel" label={t('broadcasts.template.channel')}>
          <Select
            id="broadcast-channel"
            data-testid="broadcast-channel"
            value={state.channelId}
            onChange={(e) => change({ channelId: e.target.value, templateId: '', variables: null })}
          >
            <option value="">{t('broadcasts.template.pickChannel')}</option>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} · {c.displayPhoneNumber}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {state.channelId ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-sm font-medium text-neutral-800 dark:text-neutral-200">
            {t('broadcasts.template.template')}
          </legend>
          <p className="-mt-1 mb-1 text-xs text-neutral-500 dark:text-neutral-400">
            {t('broadcasts.template.onlyApproved')}
          </p>
          {templates.isPending ? (
            <div className="flex justify-center py-6 text-brand-600">
              <Spinner />
            </div>
          ) : templates.isError ? (
            <Alert tone="error">{errorMessage(templates.error)}</Alert>
          ) : templates.data.length === 0 ? (
            <EmptyState
              icon={FileCheck2}
              title={t('broadcasts.template.noTemplates')}
              description={t('broadcasts.template.noTemplatesBody')}
              action={
                <Link to="/templates" className={buttonClasses('secondary')}>
                  {t('broadcasts.template.goToTemplates')}
                </Link>
              }
            />
          ) : (
            <>
              {templates.data.length > 5 ? (
                <Input
                  type="search"
                  aria-label={t('broadcasts.template.search')}
                  placeholder={t('broadcasts.template.search')}
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                />
              ) : null}
              <div className="flex max-h-[26rem] flex-col gap-2 overflow-y-auto" role="radiogroup">
                {shown.map((template) => (
                  <TemplateOption
                    key={template.id}
                    template={template}
                    isSelected={template.id === state.templateId}
                    onPick={() => pick(template)}
                  />
                ))}
              </div>
            </>
          )}
        </fieldset>
      ) : null}
    </div>
  );
}

function TemplateOption(props: { template: Template; isSelected: boolean; onPick: () => void }) {
  const { t, i18n } = useTranslation();
  const { template, isSelected } = props;
  return (
    <label
      data-testid="template-option"
      className={cn(
        'flex cursor-pointer gap-3 rounded-lg border p-3 transition-colors',
        isSelected
          ? 'border-brand-600 bg-brand-50 ring-1 ring-brand-600 dark:bg-brand-950'
          : 'border-neutral-200 hover:bg-neutral-50 dark:border-neutral-800 dark:hover:bg-neutral-800/50',
      )}
    >
      <input
        type="radio"
        name="broadcast-template"
        className="mt-1 accent-brand-600"
        checked={isSelected}
        onChange={props.onPick}
      />
      <span className="flex min-w-0 flex-col gap-1">
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-medium break-all">{template.name}</span>
          <Badge>{t(`templates.category.${template.category}.label`)}</Badge>
          <Badge tone="blue">{languageName(template.language, i18n.language)}</Badge>
        </span>
        <span className="line-clamp-2 text-sm text-neutral-600 dark:text-neutral-400">{template.body}</span>
      </span>
    </label>
  );
}
