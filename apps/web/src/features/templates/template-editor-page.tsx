import type { Template, TemplateDraft, UploadedMedia } from '@charla/contracts';
import { exampleTemplateValues, renderTemplate } from '@charla/contracts/template-rules';
import { ArrowLeft, FileQuestion, Send } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { cn } from '../../lib/cn';
import { hasFieldErrors } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button, buttonClasses } from '../../ui/button';
import { EmptyState } from '../../ui/empty-state';
import { Spinner } from '../../ui/spinner';
import { canManageMembers, useSession } from '../auth/require-auth';
import { DeleteTemplateButton } from './delete-template-button';
import { EditorBasics } from './editor-basics';
import { EditorBody } from './editor-body';
import { EditorButtons } from './editor-buttons';
import { EditorHeader } from './editor-header';
import { PhonePreview } from './phone-preview';
import { cleanDraft, emptyDraft } from './template-draft';
import { languageName } from './template-languages';
import { canEditTemplate, RejectionReason, TemplateStatusBadge } from './template-status';
import { useSaveTemplate, useTemplate } from './templates.api';
import { useDraftIssues } from './use-draft-issues';
import { useTemplateErrorMessage } from './use-template-error';
import { useWaba } from './use-waba';

/** /templates/new and /templates/:templateId: loads what is needed, then the editor. */
export function TemplateEditorPage() {
  const { t } = useTranslation();
  const { templateId } = useParams();
  const isNew = templateId === undefined;
  const template = useTemplate(isNew ? null : templateId);
  const { waba, isPending } = useWaba();
  const errorMessage = useTemplateErrorMessage();

  if ((!isNew && template.isPending) || (isNew && isPending)) {
    return (
      <div className="flex flex-1 items-center justify-center text-brand-600">
        <Spinner />
      </div>
    );
  }
  if (!isNew && (template.isError || !template.data)) {
    const isMissing = isApiError(template.error) && template.error.status === 404;
    return (
      <div className="flex flex-1 items-center justify-center">
        <EmptyState
          icon={FileQuestion}
          title={isMissing ? t('templates.editor.notFound') : t('errors.unknown')}
          description={isMissing ? undefined : errorMessage(template.error)}
          action={
            <Link to="/templates" className={buttonClasses('secondary', 'sm')}>
              {t('templates.editor.back')}
            </Link>
          }
        />
      </div>
    );
  }
  const wabaId = template.data?.wabaId ?? waba?.id ?? null;
  if (!wabaId) {
    return (
      <div className="flex flex-1 items-center justify-center">
        <EmptyState
          icon={FileQuestion}
          title={t('templates.list.noAccountTitle')}
          description={t('templates.list.noAccountBody')}
        />
      </div>
    );
  }
  return <TemplateEditor key={template.data?.id ?? 'new'} template={template.data ?? null} wabaId={wabaId} />;
}

function draftOf(template: Template): TemplateDraft {
  const { name, language, category, parameterFormat, header, body, bodyExamples, footer, buttons } = template;
  return { name, language, category, parameterFormat, header, body, bodyExamples, footer, buttons };
}

function TemplateEditor({ template, wabaId }: { template: Template | null; wabaId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const session = useSession();
  const errorMessage = useTemplateErrorMessage();
  const [draft, setDraft] = useState<TemplateDraft>(() =>
    template ? draftOf(template) : emptyDraft(i18n.language.startsWith('en') ? 'en_US' : 'es'),
  );
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  // Name and size of the header sample uploaded here; a saved template only knows its id.
  const [sample, setSample] = useState<UploadedMedia | null>(null);
  const save = useSaveTemplate(wabaId, template?.id ?? null);
  const issues = useDraftIssues(draft, touched, showAll, save.error);
  const canManage = canManageMembers(session.role);
  const isReadOnly = !canManage || (template !== null && !canEditTemplate(template.status));
  const saved = params.get('saved');

  const onChange = (patch: Partial<TemplateDraft>, path: string) => {
    setDraft((current) => ({ ...current, ...patch }));
    setTouched((current) => new Set(current).add(path));
  };

  const onSave = (submit: boolean) => {
    setShowAll(true);
    setTouched(new Set());
    if (submit && issues.count > 0) return;
    save.mutate(
      { draft: cleanDraft(draft), submit },
      {
        onSuccess: (result) =>
          navigate(`/templates/${encodeURIComponent(result.id)}?saved=${submit ? 'submitted' : 'draft'}`, {
            replace: true,
          }),
      },
    );
  };

  const preview = renderTemplate(draft, exampleTemplateValues(draft));
  const sampleId = draft.header && 'exampleMediaId' in draft.header ? draft.header.exampleMediaId : null;
  const headerMedia = sampleId
    ? {
        url: `/api/media/${encodeURIComponent(sampleId)}`,
        filename: sample?.id === sampleId ? sample.filename : null,
      }
    : null;
  const locked = {
    identity: template !== null && template.status !== 'draft',
    category: template?.status === 'approved',
  };
  const blockProps = { draft, onChange, issues, isReadOnly, locked };
  const title = template ? template.name : t('templates.editor.newTitle');

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="template-editor">
      <header className="flex flex-wrap items-center gap-3 border-b border-neutral-200 bg-white px-4 py-3 md:px-6 dark:border-neutral-800 dark:bg-neutral-900">
        <Link
          to={`/templates?waba=${encodeURIComponent(wabaId)}`}
          className={buttonClasses('ghost', 'icon')}
          aria-label={t('templates.editor.back')}
        >
          <ArrowLeft aria-hidden className="size-5" />
        </Link>
        <div className="min-w-0 flex-1">
          <h1 className={cn('truncate text-lg font-semibold', template && 'font-mono')}>{title}</h1>
          {template ? (
            <div className="mt-0.5 flex flex-wrap items-center gap-2">
              <TemplateStatusBadge status={template.status} />
              <span className="text-xs text-neutral-500">
                {languageName(template.language, i18n.language)}
              </span>
            </div>
          ) : null}
        </div>
        {template && canManage ? <DeleteTemplateButton template={template} /> : null}
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto" data-testid="template-editor-scroll">
        <div className="mx-auto grid max-w-6xl gap-6 p-4 md:p-6 lg:grid-cols-[minmax(0,1fr)_360px]">
          <div className="flex min-w-0 flex-col gap-4">
            {saved && template ? (
              <Alert tone="info">
                {t(saved === 'submitted' ? 'templates.editor.submitted' : 'templates.editor.savedDraft')}
              </Alert>
            ) : null}
            {template ? <StatusExplainer template={template} canManage={canManage} /> : null}
            {save.isError && !(hasFieldErrors(save.error) && issues.count > 0) ? (
              <Alert tone="error">{errorMessage(save.error)}</Alert>
            ) : null}
            {showAll && issues.count > 0 ? (
              <Alert tone="error">{t('templates.editor.fixErrors', { count: issues.count })}</Alert>
            ) : null}
            <EditorBasics {...blockProps} />
            <EditorHeader {...blockProps} sample={sample} onSample={setSample} />
            <EditorBody {...blockProps} />
            <EditorButtons {...blockProps} />
          </div>
          <aside
            className="flex flex-col gap-2 lg:sticky lg:top-6 lg:self-start"
            aria-label={t('templates.preview.title')}
          >
            <p className="text-center text-xs font-medium text-neutral-500 uppercase tracking-wide">
              {t('templates.preview.title')}
            </p>
            <PhonePreview
              template={preview}
              businessName={session.workspace.name}
              headerMedia={headerMedia}
            />
          </aside>
        </div>
      </div>
      {isReadOnly ? null : (
        <footer className="flex flex-wrap items-center justify-end gap-2 border-t border-neutral-200 bg-white px-4 py-3 md:px-6 dark:border-neutral-800 dark:bg-neutral-900">
          <p className="mr-auto hidden text-xs text-neutral-500 sm:block">
            {t('templates.editor.reviewNote')}
          </p>
          {template === null || template.status === 'draft' ? (
            <Button
              variant="secondary"
              onClick={() => onSave(false)}
              isLoading={save.isPending && save.variables?.submit === false}
              disabled={save.isPending}
              data-testid="template-save-draft"
            >
              {t('templates.editor.saveDraft')}
            </Button>
          ) : null}
          <Button
            onClick={() => onSave(true)}
            isLoading={save.isPending && save.variables?.submit === true}
            disabled={save.isPending}
            data-testid="template-submit"
          >
            <Send aria-hidden className="size-4" />
            {template && template.status !== 'draft'
              ? t('templates.editor.resubmit')
              : t('templates.editor.submit')}
          </Button>
        </footer>
      )}
    </div>
  );
}

function StatusExplainer({ template, canManage }: { template: Template; canManage: boolean }) {
  const { t } = useTranslation();
  switch (template.status) {
    case 'pending':
      return <Alert tone="info">{t('templates.explain.pending')}</Alert>;
    case 'approved':
      return (
        <Alert tone="info">
          {t(canManage ? 'templates.explain.approvedEdit' : 'templates.explain.approved')}
        </Alert>
      );
    case 'rejected':
    case 'paused':
      return (
        <Alert tone={template.status === 'rejected' ? 'error' : 'warning'}>
          <p className="font-medium">{t(`templates.explain.${template.status}`)}</p>
          {template.rejection ? (
            <p className="mt-1">
              <RejectionReason rejection={template.rejection} />
            </p>
          ) : null}
          {canManage ? <p className="mt-1">{t('templates.explain.fixAndResubmit')}</p> : null}
        </Alert>
      );
    case 'disabled':
      return <Alert tone="error">{t('templates.explain.disabled')}</Alert>;
    default:
      return null;
  }
}
