import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLocale, currentLocale, locales } from '../../i18n';
import { cn } from '../../lib/cn';
import { Card } from '../../ui/card';
import { Logo } from '../../ui/logo';

type AuthLayoutProps = { title: string; subtitle?: ReactNode; children: ReactNode };

/** The centred card used by setup, login and invitations. */
export function AuthLayout({ title, subtitle, children }: AuthLayoutProps) {
  return (
    <div className="min-h-full bg-gradient-to-b from-brand-50 to-neutral-50 px-4 py-10 sm:py-16 dark:from-brand-950/40 dark:to-neutral-950">
      <div className="mx-auto flex w-full max-w-md flex-col gap-6">
        <div className="flex justify-center">
          <Logo />
        </div>
        <Card className="p-6 sm:p-8">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          {subtitle ? (
            <p className="mt-1.5 text-sm text-neutral-600 dark:text-neutral-400">{subtitle}</p>
          ) : null}
          <div className="mt-6">{children}</div>
        </Card>
        <LanguageToggle />
      </div>
    </div>
  );
}

function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const active = currentLocale();
  return (
    <nav aria-label={t('common.language')} className="flex justify-center gap-1 text-sm" key={i18n.language}>
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={locale === active}
          onClick={() => chooseLocale(locale)}
          className={cn(
            'rounded-md px-2.5 py-1 transition-colors',
            locale === active
              ? 'font-medium text-brand-700 dark:text-brand-300'
              : 'text-neutral-500 hover:text-neutral-800 dark:hover:text-neutral-200',
          )}
        >
          {t(`common.languages.${locale}`)}
        </button>
      ))}
    </nav>
  );
}
