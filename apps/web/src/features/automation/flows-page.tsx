import { Bot, Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { fieldError, useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button, buttonClasses } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { Input } from '../../ui/input';
import { Spinner } from '../../ui/spinner';
import { canManageMembers, useSession } from '../auth/require-auth';
import { AutomationTabs } from './automation-tabs';
import { useCreateFlow, useFlows } from './flows.api';

/** Automation › Bots: the chatbot flows, their published version and who is talking to them now. */
export function FlowsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const canEdit = canManageMembers(me.role);
  const flows = useFlows();
  const create = useCreateFlow();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const [name, setName] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name }, { onSuccess: (flow) => navigate(`/automation/bots/${flow.id}`) });
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto p-4 md:p-6" data-testid="flows-page">
      <AutomationTabs />
      <div>
        <h1 className="text-xl font-semibold">{t('flows.title')}</h1>
        <p className="mt-0.5 max-w-2xl text-sm text-neutral-600 dark:text-neutral-400">
          {t('flows.subtitle')}
        </p>
      </div>
      {canEdit ? (
        <form onSubmit={submit} className="flex flex-wrap items-start gap-2" noValidate>
          <div className="flex min-w-0 flex-1 flex-col gap-1 sm:max-w-sm">
            <Input
              aria-label={t('flows.newName')}
              placeholder={t('flows.newName')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="flow-new-name"
            />
            {fieldError(create.error, 'name') ? (
              <p className="text-xs text-red-600 dark:text-red-400">{fieldError(create.error, 'name')}</p>
            ) : null}
          </div>
          <Button type="submit" isLoading={create.isPending} data-testid="flow-new">
            <Plus aria-hidden className="size-4" />
            {t('flows.new')}
          </Button>
        </form>
      ) : null}
      {flows.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : flows.isError ? (
        <Alert tone="error">{errorMessage(flows.error)}</Alert>
      ) : flows.data.length === 0 ? (
        <EmptyState icon={Bot} title={t('flows.empty')} />
      ) : (
        <ul className="grid gap-3 md:grid-cols-2" data-testid="flows-list">
          {flows.data.map((flow) => (
            <li key={flow.id}>
              <Card className="flex flex-col gap-2 p-4" data-testid={`flow-${flow.id}`}>
                <div className="flex items-start justify-between gap-2">
                  <h2 className="font-medium">{flow.name}</h2>
                  <Link to={`/automation/bots/${flow.id}`} className={buttonClasses('secondary', 'sm')}>
                    {t('flows.open')}
                  </Link>
                </div>
                <div className="flex flex-wrap gap-1.5">
                  {flow.publishedVersion ? (
                    <Badge tone="green">{t('flows.version', { version: flow.publishedVersion })}</Badge>
                  ) : (
                    <Badge>{t('flows.draftOnly')}</Badge>
                  )}
                  {flow.publishedVersion && flow.hasUnpublishedChanges ? (
                    <Badge tone="amber">{t('flows.unpublished')}</Badge>
                  ) : null}
                </div>
                <p className="text-xs text-neutral-500 dark:text-neutral-400">
                  {t('flows.active', { count: flow.activeSessions })}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
