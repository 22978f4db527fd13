import type { ContactAttributeDefinition, ContactAttributeType } from '@charla/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { DialogContent } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { Input, Select, Textarea } from '../../ui/input';
import { useCreateAttribute, useUpdateAttribute } from './attributes-settings.api';

const TYPES: ContactAttributeType[] = ['text', 'number', 'date', 'boolean', 'list'];

const splitOptions = (raw: string) => [
  ...new Set(
    raw
      .split(/\n|,/)
      .map((o) => o.trim())
      .filter(Boolean),
  ),
];

/** Create an attribute (label, key, type, list options) or rename one / change its options. */
export function AttributeDialog({
  definition,
  onDone,
}: {
  definition: ContactAttributeDefinition | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateAttribute();
  const update = useUpdateAttribute();
  const save = definition ? update : create;
  const errorMessage = useErrorMessage();
  const [label, setLabel] = useState(definition?.label ?? '');
  const [key, setKey] = useState(definition?.key ?? '');
  const [keyTouched, setKeyTouched] = useState(false);
  const [type, setType] = useState<ContactAttributeType>(definition?.type ?? 'text');
  const [options, setOptions] = useState((definition?.options ?? []).join('\n'));

  // The key follows the label until edited by hand: "Fecha de alta" → fecha_de_alta.
  const suggested = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);
  const effectiveKey = definition ? definition.key : keyTouched ? key : suggested;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const list = type === 'list' ? splitOptions(options) : undefined;
    if (definition)
      update.mutate(
        { id: definition.id, body: { label: label.trim(), options: list } },
        { onSuccess: onDone },
      );
    else
      create.mutate({ key: effectiveKey, label: label.trim(), type, options: list }, { onSuccess: onDone });
  };
  const errors = {
    label: fieldError(save.error, 'label'),
    key: fieldError(save.error, 'key'),
    options: fieldError(save.error, 'options'),
  };

  return (
    <DialogContent
      title={definition ? t('attributesSettings.editTitle') : t('attributesSettings.createTitle')}
    >
      <form className="flex flex-col gap-4" onSubmit={submit}>
        <Field id="attribute-label" label={t('attributesSettings.label')} error={errors.label}>
          <Input
            id="attribute-label"
            value={label}
            maxLength={80}
            required
            onChange={(e) => setLabel(e.target.value)}
            data-testid="attribute-label-input"
          />
        </Field>
        <Field
          id="attribute-key"
          label={t('attributesSettings.key')}
          hint={t('attributesSettings.keyHint')}
          error={errors.key}
        >
          <Input
            id="attribute-key"
            className="font-mono"
            value={effectiveKey}
            disabled={definition !== null}
            maxLength={40}
            onChange={(e) => {
              setKeyTouched(true);
              setKey(e.target.value);
            }}
            data-testid="attribute-key-input"
          />
        </Field>
        <Field
          id="attribute-type"
          label={t('attributesSettings.type')}
          hint={definition ? t('attributesSettings.typeFixed') : undefined}
        >
          <Select
            id="attribute-type"
            value={type}
            disabled={definition !== null}
            onChange={(e) => setType(e.target.value as ContactAttributeType)}
            data-testid="attribute-type-input"
          >
            {TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`attributesSettings.types.${ty}`)}
              </option>
            ))}
          </Select>
        </Field>
        {type === 'list' ? (
          <Field
            id="attribute-options"
            label={t('attributesSettings.options')}
            hint={t('attributesSettings.optionsHint')}
            error={errors.options}
          >
            <Textarea
              id="attribute-options"
              rows={4}
              value={options}
              onChange={(e) => setOptions(e.target.value)}
              data-testid="attribute-options-input"
            />
          </Field>
        ) : null}
        {save.isError && !errors.label && !errors.key && !errors.options ? (
          <Alert tone="error">{errorMessage(save.error)}</Alert>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit" isLoading={save.isPending} data-testid="attribute-save">
            {t('attributesSettings.save')}
          </Button>
        </div>
      </form>
    </DialogContent>
  );
}
