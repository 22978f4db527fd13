import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { cn } from '../../lib/cn';

/** Automation's parts: rules, bots and sequences. */
export function AutomationTabs() {
  const { t } = useTranslation();
  const tab = (to: string, label: string, testId: string, end: boolean) => (
    <NavLink
      to={to}
      end={end}
      data-testid={testId}
      className={({ isActive }) =>
        cn(
          'rounded-lg px-3 py-1.5 text-sm font-medium',
          isActive
            ? 'bg-brand-50 text-brand-700 dark:bg-brand-950 dark:text-brand-300'
            : 'text-neutral-600 hover:bg-neutral-100 dark:text-neutral-400 dark:hover:bg-neutral-800',
        )
      }
    >
      {label}
    </NavLink>
  );
  return (
    <nav className="flex gap-1" aria-label={t('rules.nav')}>
      {tab('/automation', t('flows.tabRules'), 'automation-tab-rules', true)}
      {tab('/automation/bots', t('flows.tabBots'), 'automation-tab-bots', false)}
      {tab('/automation/sequences', t('sequences.tab'), 'automation-tab-sequences', false)}
    </nav>
  );
}
