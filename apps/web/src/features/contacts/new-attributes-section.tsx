import type { ContactAttributeType, ContactImport } from '@charla/contracts';
import { Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Input, Select, Textarea } from '../../ui/input';
import { draftFor, type NewAttributeDrafts, suggestKey } from './import-new-attributes';

const TYPES: ContactAttributeType[] = ['text', 'number', 'date', 'boolean', 'list'];

type Props = {
  preview: ContactImport;
  unmapped: string[];
  drafts: NewAttributeDrafts;
  onChange: (drafts: NewAttributeDrafts) => void;
  /** Server problems by column (422 invalid_new_attribute), shown under that column. */
  errors: Record<string, string>;
};

/** Each unmapped column, with "Create attribute «Ciudad»": name, type, and options for a list. */
export function NewAttributesSection({ preview, unmapped, drafts, onChange, errors }: Props) {
  const { t } = useTranslation();
  if (unmapped.length === 0) return null;
  const set = (column: string, draft: NewAttributeDrafts[string] | null) => {
    const next = { ...drafts };
    if (draft) next[column] = draft;
    else delete next[column];
    onChange(next);
  };
  return (
    <section className="flex flex-col gap-2" data-testid="import-unmapped">
      <h3 className="text-sm font-medium">{t('contactImport.unmappedHeading')}</h3>
      <p className="text-xs text-neutral-600 dark:text-neutral-400">{t('contactImport.unmappedHint')}</p>
      <ul className="flex flex-col gap-2">
        {unmapped.map((column, i) => {
          const draft = drafts[column];
          const id = `new-attr-${i}`;
          return (
            <li
              key={column}
              data-testid="import-unmapped-column"
              data-column={column}
              className="rounded-lg border border-neutral-200 p-3 dark:border-neutral-800"
            >
              {draft ? (
                <div className="flex flex-col gap-3">
                  <div className="grid gap-3 sm:grid-cols-2">
                    <Field
                      id={`${id}-label`}
                      label={t('contactImport.newLabel')}
                      hint={t('contactImport.newKey', { key: suggestKey(draft.label || column) })}
                    >
                      <Input
                        id={`${id}-label`}
                        value={draft.label}
                        maxLength={80}
                        data-testid="import-new-attribute-label"
                        onChange={(e) => set(column, { ...draft, label: e.target.value })}
                      />
                    </Field>
                    <Field id={`${id}-type`} label={t('contactImport.newType')}>
                      <Select
                        id={`${id}-type`}
                        value={draft.type}
                        data-testid="import-new-attribute-type"
                        onChange={(e) =>
                          set(column, { ...draft, type: e.target.value as ContactAttributeType })
                        }
                      >
                        {TYPES.map((ty) => (
                          <option key={ty} value={ty}>
                            {t(`attributesSettings.types.${ty}`)}
                          </option>
                        ))}
                      </Select>
                    </Field>
                  </div>
                  {draft.type === 'list' ? (
                    <Field
                      id={`${id}-options`}
                      label={t('contactImport.newOptions')}
                      hint={t('contactImport.newOptionsHint')}
                    >
                      <Textarea
                        id={`${id}-options`}
                        rows={3}
                        value={draft.options}
                        data-testid="import-new-attribute-options"
                        onChange={(e) => set(column, { ...draft, options: e.target.value })}
                      />
                    </Field>
                  ) : null}
                  {errors[column] ? (
                    <p className="text-xs text-red-600 dark:text-red-400" role="alert">
                      {errors[column]}
                    </p>
                  ) : null}
                  <Button variant="ghost" size="sm" className="self-start" onClick={() => set(column, null)}>
                    {t('contactImport.cancelCreate')}
                  </Button>
                </div>
              ) : (
                <Button
                  variant="secondary"
                  size="sm"
                  data-testid="import-create-attribute"
                  onClick={() => set(column, draftFor(preview, column))}
                >
                  <Plus className="size-4" aria-hidden />
                  {t('contactImport.create', { column })}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
