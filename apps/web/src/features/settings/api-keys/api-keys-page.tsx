import { API_RESOURCES, type ApiKey, type CreatedApiKey } from '@charla/contracts';
import { Ban, BookOpen, ExternalLink, KeyRound, MoreHorizontal, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { clock, formatDate } from '../../../lib/format';
import { useErrorMessage } from '../../../lib/use-error-message';
import { useNow } from '../../../lib/use-now';
import { Alert } from '../../../ui/alert';
import { Badge, type BadgeTone } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Dialog } from '../../../ui/dialog';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../../../ui/dropdown-menu';
import { EmptyState } from '../../../ui/empty-state';
import { Spinner } from '../../../ui/spinner';
import { canManageMembers, useSession } from '../../auth/require-auth';
import { ConfirmDialog } from '../confirm-dialog';
import { useMembers } from '../settings.api';
import { accessOf, formatRelative, type KeyStatus, keyStatus } from './api-key-view';
import { useApiKeys, useRevokeApiKey } from './api-keys.api';
import { API_DOCS_URL, KeyCreated } from './key-created';
import { NewKeyForm } from './new-key-form';

/** Settings › API keys: owners and admins make keys for the public API, see their use, revoke them. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  if (!canManageMembers(role)) return <Alert tone="info">{t('apiKeys.managersOnly')}</Alert>;
  return <ApiKeys />;
}

const STATUS_TONE: Record<KeyStatus, BadgeTone> = { active: 'green', revoked: 'neutral', expired: 'amber' };

function ApiKeys() {
  const { t } = useTranslation();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const errorMessage = useErrorMessage();
  const [isCreating, setIsCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const closeDialog = () => {
    setIsCreating(false);
    setCreated(null);
  };
  return (
    <section className="flex flex-col gap-4" data-testid="api-keys-page">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-2xl">
          <h2 className="text-lg font-semibold">{t('apiKeys.title')}</h2>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">{t('apiKeys.subtitle')}</p>
          <a
            href={API_DOCS_URL}
            target="_blank"
            rel="noopener noreferrer"
            className="mt-2 inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:text-brand-800 hover:underline dark:text-brand-300"
            data-testid="api-keys-docs"
          >
            <BookOpen aria-hidden className="size-4" />
            {t('apiKeys.docs')}
            <ExternalLink aria-hidden className="size-3.5" />
            <span className="sr-only"> {t('common.opensInNewTab')}</span>
          </a>
        </div>
        {keys.data && keys.data.length > 0 ? (
          <Button onClick={() => setIsCreating(true)} data-testid="api-key-create">
            <Plus aria-hidden className="size-4" />
            {t('apiKeys.create')}
          </Button>
        ) : null}
      </div>

      {keys.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : keys.isError ? (
        <Alert tone="error">{errorMessage(keys.error)}</Alert>
      ) : keys.data.length === 0 ? (
        <Card className="border-dashed">
          <EmptyState
            icon={KeyRound}
            title={t('apiKeys.empty.title')}
            description={t('apiKeys.empty.body')}
            action={
              <Button className="mt-2" onClick={() => setIsCreating(true)} data-testid="api-key-create">
                <Plus aria-hidden className="size-4" />
                {t('apiKeys.empty.create')}
              </Button>
            }
          />
        </Card>
      ) : (
        <KeysTable keys={keys.data} onRevoke={setRevoking} />
      )}

      <Dialog open={isCreating || created !== null} onOpenChange={(open) => (open ? null : closeDialog())}>
        {created ? (
          <KeyCreated created={created} />
        ) : isCreating ? (
          <NewKeyForm onCreated={setCreated} />
        ) : null}
      </Dialog>

      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => {
          if (open) return;
          setRevoking(null);
          revoke.reset();
        }}
        title={t('apiKeys.confirmRevoke.title', { name: revoking?.name ?? '' })}
        body={t('apiKeys.confirmRevoke.body')}
        submit={t('apiKeys.confirmRevoke.submit')}
        isPending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      />
    </section>
  );
}

function KeysTable({ keys, onRevoke }: { keys: ApiKey[]; onRevoke: (key: ApiKey) => void }) {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  const members = useMembers();
  const nameOf = (userId: string | null) =>
    members.data?.find((member) => member.userId === userId)?.name ?? null;
  const fullTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'long',
    timeStyle: 'short',
    ...clock(i18n.language),
  });
  const th = 'px-3 py-3 font-medium whitespace-nowrap first:pl-4';

  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="api-keys-table">
        <thead className="border-b border-neutral-200 text-xs text-neutral-500 dark:border-neutral-800 dark:text-neutral-400">
          <tr>
            <th scope="col" className={th}>
              {t('apiKeys.columns.key')}
            </th>
            <th scope="col" className={th}>
              {t('apiKeys.columns.scopes')}
            </th>
            <th scope="col" className={th}>
              {t('apiKeys.columns.created')}
            </th>
            <th scope="col" className={th}>
              {t('apiKeys.columns.expires')}
            </th>
            <th scope="col" className={th}>
              {t('apiKeys.columns.lastUsed')}
            </th>
            <th scope="col" className="w-px px-2 py-3">
              <span className="sr-only">{t('apiKeys.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100 dark:divide-neutral-800">
          {keys.map((key) => {
            const status = keyStatus(key, now);
            const isLive = status === 'active';
            const author = nameOf(key.createdBy);
            const expiresSoon =
              isLive &&
              key.expiresAt !== null &&
              new Date(key.expiresAt).getTime() - now.getTime() < 14 * 86_400_000;
            const muted = isLive ? undefined : 'opacity-60';
            return (
              <tr
                key={key.id}
                data-testid="api-key-row"
                data-name={key.name}
                data-status={status}
                className="align-top"
              >
                <td className="py-3 pr-3 pl-4">
                  <div className="min-w-44">
                    <p
                      className={cn('font-medium break-words text-neutral-900 dark:text-neutral-100', muted)}
                    >
                      {key.name}
                    </p>
                    <div className="mt-1 flex flex-wrap items-center gap-1.5">
                      <code
                        className={cn(
                          'rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-xs text-neutral-600 dark:bg-neutral-800 dark:text-neutral-300',
                          muted,
                        )}
                      >
                        {key.prefix}…
                      </code>
                      <Badge
                        tone={STATUS_TONE[status]}
                        data-testid="api-key-status"
                        title={key.revokedAt ? fullTime.format(new Date(key.revokedAt)) : undefined}
                      >
                        {t(`apiKeys.status.${status}`)}
                      </Badge>
                    </div>
                  </div>
                </td>
                <td className={cn('px-3 py-3', muted)}>
                  <ScopeSummary scopes={key.scopes} />
                </td>
                <td className="px-3 py-3 whitespace-nowrap text-neutral-600 dark:text-neutral-400">
                  <span title={fullTime.format(new Date(key.createdAt))}>
                    {formatDate(key.createdAt, i18n.language)}
                  </span>
                  {author ? (
                    <span className="block text-xs text-neutral-500">
                      {t('apiKeys.createdBy', { name: author })}
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-3 whitespace-nowrap text-neutral-600 dark:text-neutral-400">
                  {key.expiresAt ? (
                    <>
                      <span title={fullTime.format(new Date(key.expiresAt))}>
                        {formatDate(key.expiresAt, i18n.language)}
                      </span>
                      {expiresSoon ? (
                        <span className="block text-xs text-amber-700 dark:text-amber-400">
                          {formatRelative(key.expiresAt, now, i18n.language)}
                        </span>
                      ) : null}
                    </>
                  ) : (
                    <span className="text-neutral-500">{t('apiKeys.never')}</span>
                  )}
                </td>
                <td className="px-3 py-3 whitespace-nowrap" data-testid="api-key-last-used">
                  {key.lastUsedAt ? (
                    <>
                      <span
                        className="text-neutral-800 dark:text-neutral-200"
                        title={fullTime.format(new Date(key.lastUsedAt))}
                      >
                        {formatRelative(key.lastUsedAt, now, i18n.language, t('apiKeys.justNow'))}
                      </span>
                      {key.lastUsedIp ? (
                        <span className="block font-mono text-xs text-neutral-500">{key.lastUsedIp}</span>
                      ) : null}
                    </>
                  ) : (
                    <span className="text-neutral-500">{t('apiKeys.neverUsed')}</span>
                  )}
                </td>
                <td className="px-2 py-2.5 text-right">
                  {isLive ? (
                    <DropdownMenu>
                      <DropdownMenuTrigger
                        className="rounded-md p-1.5 text-neutral-500 hover:bg-neutral-100 hover:text-neutral-800 dark:hover:bg-neutral-800"
                        aria-label={t('apiKeys.actionsFor', { name: key.name })}
                        data-testid="api-key-actions"
                      >
                        <MoreHorizontal aria-hidden className="size-4" />
                      </DropdownMenuTrigger>
                      <DropdownMenuContent align="end" className="min-w-44">
                        <DropdownMenuItem
                          onSelect={() => onRevoke(key)}
                          className="text-red-700 data-[highlighted]:bg-red-50 dark:text-red-400 dark:data-[highlighted]:bg-red-950"
                          data-testid="api-key-revoke"
                        >
                          <Ban aria-hidden className="size-4" />
                          {t('apiKeys.revoke')}
                        </DropdownMenuItem>
                      </DropdownMenuContent>
                    </DropdownMenu>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}

/**
 * A key's permissions grouped by what it may do: "Escritura: Mensajes", "Lectura: Contactos,
 * Canales"; every resource writable reads "Acceso total".
 */
function ScopeSummary({ scopes }: { scopes: readonly string[] }) {
  const { t } = useTranslation();
  const access = accessOf(scopes);
  if (API_RESOURCES.every((r) => access[r] === 'write'))
    return <Badge tone="brand">{t('apiKeys.fullAccess')}</Badge>;
  const groups = (['write', 'read'] as const)
    .map((level) => ({ level, resources: API_RESOURCES.filter((r) => access[r] === level) }))
    .filter((group) => group.resources.length > 0);
  return (
    <dl className="flex min-w-44 flex-col gap-1.5" data-testid="api-key-scopes">
      {groups.map(({ level, resources }) => (
        <div key={level} className="flex items-start gap-2" data-access={level}>
          <dt className="shrink-0">
            <Badge tone={level === 'write' ? 'blue' : 'neutral'}>{t(`apiKeys.accessShort.${level}`)}</Badge>
          </dt>
          <dd className="pt-px text-xs leading-5 text-neutral-700 dark:text-neutral-300">
            {resources.length === API_RESOURCES.length
              ? t('apiKeys.everything')
              : resources.map((r) => t(`apiKeys.resources.${r}.name`)).join(', ')}
          </dd>
        </div>
      ))}
    </dl>
  );
}
