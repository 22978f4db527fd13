import { BarChart3, Bot, FileText, Inbox, Megaphone, Settings, Users } from 'lucide-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useMatch } from 'react-router';
import { ComfortEffects } from '../features/comfort/use-comfort';
import { cn } from '../lib/cn';
import { LogoMark } from '../ui/logo';
import { FullPageSpinner } from '../ui/spinner';
import { Tooltip, TooltipProvider } from '../ui/tooltip';
import { RealtimeStatusContext, useRealtimeConnection } from './use-realtime';
import { UserMenu } from './user-menu';

/**
 * Signed-in layout: a slim rail on the left (a bottom bar on phones, hidden while a chat is
 * open so the thread gets the whole screen) and the page.
 */
export function AppShell() {
  const { t } = useTranslation();
  const status = useRealtimeConnection();
  const isInThread = useMatch('/inbox/:conversationId') !== null;

  return (
    <TooltipProvider delayDuration={300}>
      <RealtimeStatusContext value={status}>
        <ComfortEffects />
        <div className="flex h-dvh flex-col-reverse overflow-hidden md:flex-row">
          <nav
            aria-label={t('nav.main')}
            className={cn(
              'z-10 shrink-0 items-center border-neutral-200 bg-white dark:border-neutral-800 dark:bg-neutral-900',
              'h-14 flex-row justify-around border-t px-2 md:h-full md:w-16 md:flex-col md:justify-start md:gap-2 md:border-t-0 md:border-r md:px-0 md:py-3',
              isInThread ? 'hidden md:flex' : 'flex',
            )}
          >
            <div className="mb-3 hidden md:block">
              <LogoMark />
            </div>
            <RailLink to="/inbox" label={t('nav.inbox')} testId="nav-inbox" icon={Inbox} />
            <RailLink to="/contacts" label={t('contacts.nav')} testId="nav-contacts" icon={Users} />
            <RailLink to="/templates" label={t('templates.nav')} testId="nav-templates" icon={FileText} />
            <RailLink to="/broadcasts" label={t('broadcasts.nav')} testId="nav-broadcasts" icon={Megaphone} />
            <RailLink to="/automation" label={t('rules.nav')} testId="nav-automation" icon={Bot} />
            <RailLink to="/reports" label={t('reports.nav')} testId="nav-reports" icon={BarChart3} />
            <RailLink to="/settings" label={t('nav.settings')} testId="nav-settings" icon={Settings} />
            <div className="md:mt-auto">
              <UserMenu />
            </div>
          </nav>
          <main className="flex min-h-0 min-w-0 flex-1 flex-col">
            <Suspense fallback={<FullPageSpinner />}>
              <Outlet />
            </Suspense>
          </main>
        </div>
      </RealtimeStatusContext>
    </TooltipProvider>
  );
}

type RailLinkProps = { to: string; label: string; testId: string; icon: typeof Inbox };

function RailLink({ to, label, testId, icon: Icon }: RailLinkProps) {
  // A string className (not NavLink's function form): the tooltip's Slot merges class names as strings.
  const isActive = useMatch({ path: to, end: false }) !== null;
  return (
    <Tooltip label={label}>
      <NavLink
        to={to}
        data-testid={testId}
        aria-label={label}
        className={cn(
          // Phones share the bottom bar's width among the entries (a fixed width overflowed it).
          'flex h-12 min-w-0 flex-1 flex-col items-center justify-center gap-0.5 rounded-xl text-[10px] font-medium transition-colors md:size-11 md:flex-none',
          isActive
            ? 'text-brand-700 md:bg-brand-50 dark:text-brand-300 md:dark:bg-brand-950'
            : 'text-neutral-500 hover:bg-neutral-100 hover:text-neutral-800 dark:text-neutral-400 dark:hover:bg-neutral-800 dark:hover:text-neutral-100',
        )}
      >
        <Icon aria-hidden className="size-5" />
        <span className="max-w-full truncate px-0.5 md:sr-only">{label}</span>
      </NavLink>
    </Tooltip>
  );
}
