import {
  Building2,
  Clock,
  KeyRound,
  ListPlus,
  MessageSquareText,
  Plug,
  Radio,
  ScrollText,
  Tag,
  UserCog,
  Users,
  UsersRound,
  Webhook,
} from 'lucide-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { cn } from '../../lib/cn';
import { FullPageSpinner } from '../../ui/spinner';
import { canManageMembers, useSession } from '../auth/require-auth';

export function SettingsLayout() {
  const { t } = useTranslation();
  const { role } = useSession();
  const tabs = [
    { to: '/settings/channels', label: t('settings.channels.nav'), icon: Radio, testId: 'settings-channels' },
    { to: '/settings/members', label: t('settings.members.nav'), icon: Users, testId: 'settings-members' },
    { to: '/settings/teams', label: t('settings.teams.nav'), icon: UsersRound, testId: 'settings-teams' },
    { to: '/settings/labels', label: t('labels.nav'), icon: Tag, testId: 'settings-labels' },
    {
      to: '/settings/canned',
      label: t('cannedSettings.nav'),
      icon: MessageSquareText,
      testId: 'settings-canned',
    },
    {
      to: '/settings/attributes',
      label: t('attributesSettings.nav'),
      icon: ListPlus,
      testId: 'settings-attributes',
    },
    { to: '/settings/hours', label: t('businessHours.nav'), icon: Clock, testId: 'settings-hours' },
    { to: '/settings/account', label: t('access.account.nav'), icon: UserCog, testId: 'settings-account' },
    {
      to: '/settings/workspace',
      label: t('settings.workspace.nav'),
      icon: Building2,
      testId: 'settings-workspace',
    },
    // API keys are made and revoked by the owner and admins (agents get 403 from /api/api-keys).
    ...(canManageMembers(role)
      ? [{ to: '/settings/api-keys', label: t('apiKeys.nav'), icon: KeyRound, testId: 'settings-api-keys' }]
      : []),
    // So are webhooks (agents get 403 from /api/webhooks).
    ...(canManageMembers(role)
      ? [{ to: '/settings/webhooks', label: t('webhooks.nav'), icon: Webhook, testId: 'settings-webhooks' }]
      : []),
    // And incoming integrations (agents get 403 from /api/integrations): they send on the business's behalf.
    ...(canManageMembers(role)
      ? [
          {
            to: '/settings/integrations',
            label: t('integrations.nav'),
            icon: Plug,
            testId: 'settings-integrations',
          },
        ]
      : []),
    // The activity log is the owner's alone (GET /api/audit-log answers 403 to anyone else).
    ...(role === 'owner'
      ? [
          {
            to: '/settings/activity',
            label: t('auditLog.nav'),
            icon: ScrollText,
            testId: 'settings-activity',
          },
        ]
      : []),
  ];

  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
      <div className="mx-auto w-full max-w-4xl px-4 py-6 sm:px-8 sm:py-10">
        <h1 className="text-2xl font-semibold tracking-tight">{t('settings.title')}</h1>
        {/* The tabs wrap onto more lines rather than scroll: every one stays in sight at any width. */}
        <nav
          aria-label={t('settings.title')}
          data-testid="settings-tabs"
          className="mt-5 flex flex-wrap gap-1 border-b border-neutral-200 pb-3 dark:border-neutral-800"
        >
          {tabs.map(({ to, label, icon: Icon, testId }) => (
            <NavLink
              key={to}
              to={to}
              data-testid={testId}
              className={({ isActive }) =>
                cn(
                  'inline-flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors',
                  isActive
                    ? 'bg-brand-50 text-brand-700 dark:bg-brand-950 dark:text-brand-300'
                    : 'text-neutral-500 hover:bg-neutral-100 hover:text-neutral-800 dark:text-neutral-400 dark:hover:bg-neutral-800 dark:hover:text-neutral-200',
                )
              }
            >
              <Icon aria-hidden className="size-4" />
              {label}
            </NavLink>
          ))}
        </nav>
        <div className="mt-6">
          <Suspense fallback={<FullPageSpinner />}>
            <Outlet />
          </Suspense>
        </div>
      </div>
    </div>
  );
}
