import type { SendMessageRequest, Template, TemplateValues } from '@charla/contracts';
import { missingTemplateValues, renderTemplate, templateVariables } from '@charla/contracts/template-rules';
import { ArrowLeft, Send } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { useSession } from '../../auth/require-auth';
import { useContact } from '../../contacts/contacts.api';
import { PhonePreview } from '../../templates/phone-preview';
import { type ContactFacts, contactSources, prefillTemplateValues } from '../../templates/template-values';
import { isTranslatedTemplateError, useTemplateErrorMessage } from '../../templates/use-template-error';
import { useThread } from '../inbox.api';
import { HeaderMediaField } from './header-media-field';
import { VariableField } from './variable-field';

type TemplateValuesFormProps = {
  conversationId: string;
  template: Template;
  onBack: () => void;
  onSend: (request: SendMessageRequest) => Promise<unknown>;
  onSent: () => void;
};

/** One field per variable, prefilled from the conversation's contact, with the phone preview beside it. */
export function TemplateValuesForm({
  conversationId,
  template,
  onBack,
  onSend,
  onSent,
}: TemplateValuesFormProps) {
  const conversation = useThread(conversationId).data?.pages[0]?.conversation ?? null;
  const contact = useContact(conversation?.contact.id ?? '');
  const facts: ContactFacts | null = contact.data
    ? factsOf(contact.data)
    : conversation
      ? {
          name: conversation.contact.name,
          profileName: null,
          phone: conversation.contact.phone,
          attributes: {},
        }
      : null;
  return (
    <TemplateValuesEditor
      template={template}
      facts={facts}
      isContactLoaded={contact.data !== undefined}
      uploadConversationId={conversationId}
      onBack={onBack}
      onSend={(values) => onSend({ type: 'template', template: { templateId: template.id, values } })}
      onSent={onSent}
    />
  );
}

export const factsOf = (contact: ContactFacts): ContactFacts => ({
  name: contact.name,
  profileName: contact.profileName,
  phone: contact.phone,
  attributes: contact.attributes,
});

type TemplateValuesEditorProps = {
  template: Template;
  /** What the variables are prefilled from (null: nothing known yet). */
  facts: ContactFacts | null;
  /** The full contact arrived: prefill again, until the member types. */
  isContactLoaded: boolean;
  /** Where a header file is uploaded; null where there is no conversation yet. */
  uploadConversationId: string | null;
  onBack: () => void;
  onSend: (values: TemplateValues) => Promise<unknown>;
  onSent: () => void;
};

/** The fields of a template's variables and its phone preview: the inbox's send and "New conversation". */
export function TemplateValuesEditor({
  template,
  facts,
  isContactLoaded,
  uploadConversationId,
  onBack,
  onSend,
  onSent,
}: TemplateValuesEditorProps) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const errorMessage = useTemplateErrorMessage();
  const [values, setValues] = useState<TemplateValues>(() => prefillTemplateValues(template, facts));
  const [isEdited, setIsEdited] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [sendError, setSendError] = useState<unknown>(null);

  // The full contact (custom attributes) may arrive after the dialog opened: prefill again until the member types.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the contact's data arrives
  useEffect(() => {
    if (isContactLoaded && !isEdited) setValues(prefillTemplateValues(template, facts));
  }, [isContactLoaded]);

  const variables = templateVariables(template);
  const missing = missingTemplateValues(template, values);
  const sources = facts ? contactSources(facts) : [];
  const edit = (next: TemplateValues) => {
    setValues(next);
    setIsEdited(true);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (missing.length > 0) return;
    setIsSending(true);
    setSendError(null);
    try {
      await onSend(values);
      onSent();
    } catch (error) {
      setSendError(error);
    } finally {
      setIsSending(false);
    }
  };

  const headerVariable = variables.header[0];
  const headerFormat = template.header?.format;
  const buttonIndexes = Object.keys(variables.buttons).map(Number);
  const hasFields =
    headerVariable !== undefined ||
    variables.body.length > 0 ||
    buttonIndexes.length > 0 ||
    headerFormat === 'image' ||
    headerFormat === 'video' ||
    headerFormat === 'document';

  return (
    <form
      onSubmit={onSubmit}
      className="flex min-h-0 flex-1 flex-col gap-4"
      data-testid="template-values-form"
    >
      <button
        type="button"
        onClick={onBack}
        className="flex items-center gap-1 self-start text-sm font-medium text-brand-700 hover:underline dark:text-brand-300"
      >
        <ArrowLeft aria-hidden className="size-4" />
        {t('templates.picker.back')}
      </button>
      <div className="grid min-h-0 flex-1 gap-6 md:grid-cols-[minmax(0,1fr)_320px]">
        <div className="flex min-w-0 flex-col gap-4">
          {hasFields ? (
            <p className="text-sm text-neutral-600 dark:text-neutral-400">{t('templates.picker.fillHelp')}</p>
          ) : (
            <p className="text-sm text-neutral-600 dark:text-neutral-400">
              {t('templates.picker.noVariables')}
            </p>
          )}
          {uploadConversationId &&
          (headerFormat === 'image' || headerFormat === 'video' || headerFormat === 'document') ? (
            <HeaderMediaField
              conversationId={uploadConversationId}
              kind={headerFormat}
              mediaId={values.headerMediaId}
              onChange={(headerMediaId) => edit({ ...values, headerMediaId })}
            />
          ) : null}
          {headerVariable !== undefined ? (
            <VariableField
              id="template-value-header"
              label={t('templates.picker.headerVariable', { name: headerVariable })}
              value={values.header ?? ''}
              sources={sources}
              isMissing={missing.includes('header')}
              onChange={(header) => edit({ ...values, header: header || null })}
            />
          ) : null}
          {variables.body.map((name) => (
            <VariableField
              key={name}
              id={`template-value-${name}`}
              label={`{{${name}}}`}
              placeholder={template.bodyExamples[name]}
              value={values.body[name] ?? ''}
              sources={sources}
              isMissing={missing.includes(`body.${name}`)}
              onChange={(value) => edit({ ...values, body: { ...values.body, [name]: value } })}
            />
          ))}
          {buttonIndexes.map((index) => {
            const button = template.buttons[index];
            if (!button) return null;
            const label =
              button.type === 'copy_code'
                ? t('templates.picker.copyCodeValue')
                : t('templates.picker.urlValue', { text: button.type === 'url' ? button.text : '' });
            return (
              <VariableField
                key={index}
                id={`template-value-button-${index}`}
                label={label}
                prefix={button.type === 'url' ? button.url.replace(/\{\{\s*1\s*\}\}\s*$/, '') : undefined}
                placeholder={'example' in button ? (button.example ?? undefined) : undefined}
                value={values.buttons[String(index)] ?? ''}
                sources={sources}
                isMissing={missing.includes(`buttons.${index}`)}
                onChange={(value) =>
                  edit({ ...values, buttons: { ...values.buttons, [String(index)]: value } })
                }
              />
            );
          })}
        </div>
        <div className="flex flex-col gap-2">
          <p className="text-center text-xs font-medium tracking-wide text-neutral-500 uppercase">
            {t('templates.preview.title')}
          </p>
          <PhonePreview
            template={renderTemplate(template, values)}
            businessName={session.workspace.name}
            isCompact
          />
        </div>
      </div>
      {sendError ? (
        <Alert tone="error">
          <p data-testid="template-send-error">{errorMessage(sendError)}</p>
          {isApiError(sendError) &&
          sendError.fields.length > 0 &&
          !isTranslatedTemplateError(sendError, (key) => i18n.exists(key)) ? (
            <ul className="mt-1 list-disc pl-5">
              {sendError.fields.map((field) => (
                <li key={field.path}>{field.message}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-center justify-end gap-3 border-t border-neutral-200 pt-4 dark:border-neutral-800">
        {missing.length > 0 ? (
          <p className="mr-auto text-xs text-neutral-500" data-testid="template-missing">
            {t('templates.picker.missing', { count: missing.length })}
          </p>
        ) : null}
        <Button type="submit" disabled={missing.length > 0} isLoading={isSending} data-testid="template-send">
          {isSending ? null : <Send aria-hidden className="size-4" />}
          {t('templates.picker.send')}
        </Button>
      </div>
    </form>
  );
}
