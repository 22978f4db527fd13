import type { TemplateButton } from '@charla/contracts';
import { TEMPLATE_LIMITS, textVariables } from '@charla/contracts/template-rules';
import { ArrowDown, ArrowUp, Copy, ExternalLink, Phone, Plus, Reply, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../../ui/dropdown-menu';
import { Field } from '../../ui/field';
import { Input } from '../../ui/input';
import { type EditorBlockProps, sectionClasses, sectionTitleClasses } from './editor-types';
import { canAddButton, moveItem, newButton } from './template-draft';

const kinds: TemplateButton['type'][] = ['quick_reply', 'url', 'phone_number', 'copy_code'];
const icons = { quick_reply: Reply, url: ExternalLink, phone_number: Phone, copy_code: Copy } as const;

export function EditorButtons({ draft, onChange, issues, isReadOnly }: EditorBlockProps) {
  const { t } = useTranslation();
  const buttons = draft.buttons;
  const setButtons = (next: TemplateButton[], path: string) => onChange({ buttons: next }, path);
  const update = (index: number, button: TemplateButton, field: string) =>
    setButtons(
      buttons.map((b, i) => (i === index ? button : b)),
      `buttons.${index}.${field}`,
    );
  const add = (type: TemplateButton['type']) => {
    const button = newButton(type, buttons);
    if (button) setButtons([...buttons, button], 'buttons');
  };

  return (
    <section className={sectionClasses} aria-labelledby="template-buttons">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id="template-buttons" className={sectionTitleClasses}>
            {t('templates.editor.buttons')}{' '}
            <span className="font-normal text-neutral-500">{t('templates.editor.optional')}</span>
          </h2>
          <p className="mt-0.5 text-xs text-neutral-500 dark:text-neutral-400">
            {t('templates.editor.buttonsLimits', { max: TEMPLATE_LIMITS.buttonsMax })}
          </p>
        </div>
        {isReadOnly ? null : (
          <DropdownMenu modal={false}>
            <DropdownMenuTrigger asChild>
              <Button
                size="sm"
                variant="secondary"
                disabled={buttons.length >= TEMPLATE_LIMITS.buttonsMax}
                data-testid="template-add-button"
              >
                <Plus aria-hidden className="size-4" />
                {t('templates.editor.addButton')}
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              {kinds.map((kind) => {
                const Icon = icons[kind];
                return (
                  <DropdownMenuItem
                    key={kind}
                    disabled={!canAddButton(kind, buttons)}
                    onSelect={() => add(kind)}
                    data-testid={`template-add-button-${kind}`}
                    className="data-[disabled]:opacity-50"
                  >
                    <Icon aria-hidden className="size-4" />
                    <span className="flex-1">{t(`templates.button.${kind}`)}</span>
                    <span className="text-xs text-neutral-500">
                      {t('templates.editor.maxOfKind', { max: TEMPLATE_LIMITS.buttonsMaxByType[kind] })}
                    </span>
                  </DropdownMenuItem>
                );
              })}
            </DropdownMenuContent>
          </DropdownMenu>
        )}
      </div>
      {issues.errorFor('buttons') ? (
        <p className="text-xs text-red-600 dark:text-red-400">{issues.errorFor('buttons')}</p>
      ) : null}
      {buttons.length > 0 ? (
        <ol className="flex flex-col gap-3">
          {buttons.map((button, index) => {
            const Icon = icons[button.type];
            const at = `buttons.${index}`;
            return (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: buttons have no id; their place is their identity
                key={index}
                className="rounded-lg border border-neutral-200 p-3 dark:border-neutral-700"
                data-testid="template-button"
              >
                <div className="mb-2 flex items-center gap-2">
                  <Icon aria-hidden className="size-4 text-neutral-500" />
                  <span className="flex-1 text-sm font-medium">{t(`templates.button.${button.type}`)}</span>
                  {isReadOnly ? null : (
                    <>
                      <Button
                        size="icon"
                        variant="ghost"
                        className="size-8"
                        disabled={index === 0}
                        aria-label={t('templates.editor.moveUp')}
                        onClick={() => setButtons(moveItem(buttons, index, index - 1), 'buttons')}
                      >
                        <ArrowUp aria-hidden className="size-4" />
                      </Button>
                      <Button
                        size="icon"
                        variant="ghost"
                        className="size-8"
                        disabled={index === buttons.length - 1}
                        aria-label={t('templates.editor.moveDown')}
                        onClick={() => setButtons(moveItem(buttons, index, index + 1), 'buttons')}
                      >
                        <ArrowDown aria-hidden className="size-4" />
                      </Button>
                      <Button
                        size="icon"
                        variant="ghost"
                        className="size-8 text-red-600"
                        aria-label={t('templates.editor.removeButton')}
                        onClick={() =>
                          setButtons(
                            buttons.filter((_, i) => i !== index),
                            'buttons',
                          )
                        }
                      >
                        <Trash2 aria-hidden className="size-4" />
                      </Button>
                    </>
                  )}
                </div>
                <div className="grid gap-3 sm:grid-cols-2">
                  {button.type !== 'copy_code' ? (
                    <Field
                      id={`${at}-text`}
                      label={t('templates.editor.buttonText')}
                      error={issues.errorFor(`${at}.text`)}
                      hint={`${button.text.length}/${TEMPLATE_LIMITS.buttonTextMaxLength}`}
                    >
                      <Input
                        id={`${at}-text`}
                        value={button.text}
                        disabled={isReadOnly}
                        onChange={(e) => update(index, { ...button, text: e.target.value }, 'text')}
                        data-testid={`template-button-${index}-text`}
                      />
                    </Field>
                  ) : null}
                  {button.type === 'url' ? (
                    <>
                      <Field
                        id={`${at}-url`}
                        label={t('templates.editor.url')}
                        error={issues.errorFor(`${at}.url`)}
                        hint={t('templates.editor.urlHint', { variable: '{{1}}' })}
                      >
                        <Input
                          id={`${at}-url`}
                          type="url"
                          value={button.url}
                          disabled={isReadOnly}
                          onChange={(e) => update(index, { ...button, url: e.target.value }, 'url')}
                          data-testid={`template-button-${index}-url`}
                        />
                      </Field>
                      {textVariables(button.url).length > 0 ? (
                        <Field
                          id={`${at}-example`}
                          label={t('templates.editor.urlExample')}
                          error={issues.errorFor(`${at}.example`)}
                        >
                          <Input
                            id={`${at}-example`}
                            value={button.example ?? ''}
                            disabled={isReadOnly}
                            onChange={(e) =>
                              update(index, { ...button, example: e.target.value || null }, 'example')
                            }
                          />
                        </Field>
                      ) : null}
                    </>
                  ) : null}
                  {button.type === 'phone_number' ? (
                    <Field
                      id={`${at}-phone`}
                      label={t('templates.editor.phone')}
                      error={issues.errorFor(`${at}.phoneNumber`)}
                      hint={t('templates.editor.phoneHint')}
                    >
                      <Input
                        id={`${at}-phone`}
                        type="tel"
                        value={button.phoneNumber}
                        disabled={isReadOnly}
                        onChange={(e) =>
                          update(index, { ...button, phoneNumber: e.target.value }, 'phoneNumber')
                        }
                        placeholder="+34612345678"
                      />
                    </Field>
                  ) : null}
                  {button.type === 'copy_code' ? (
                    <Field
                      id={`${at}-code`}
                      label={t('templates.editor.codeExample')}
                      error={issues.errorFor(`${at}.example`)}
                      hint={t('templates.editor.codeHint', { max: TEMPLATE_LIMITS.copyCodeMaxLength })}
                    >
                      <Input
                        id={`${at}-code`}
                        value={button.example}
                        disabled={isReadOnly}
                        onChange={(e) => update(index, { ...button, example: e.target.value }, 'example')}
                        placeholder="VERANO25"
                      />
                    </Field>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
