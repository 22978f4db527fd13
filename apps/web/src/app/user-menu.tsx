import type { Locale } from '@charla/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Languages, LogOut, UserCog } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout, useUpdateMe } from '../features/auth/auth.api';
import { useSession } from '../features/auth/require-auth';
import { chooseLocale, currentLocale, locales } from '../i18n';
import { queryKeys } from '../lib/query-keys';
import { Avatar } from '../ui/avatar';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../ui/dropdown-menu';

export function UserMenu() {
  const { t } = useTranslation();
  const { user, workspace, role } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const updateMe = useUpdateMe();

  const onLogout = () =>
    logout.mutate(undefined, {
      onSettled: () => {
        navigate('/login', { replace: true });
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.setup[0] });
      },
    });

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex h-12 w-16 items-center justify-center rounded-xl md:size-11 hover:bg-neutral-100 dark:hover:bg-neutral-800"
        aria-label={t('nav.userMenu')}
        data-testid="user-menu"
      >
        <Avatar label={user.name} seed={user.id} className="size-8 text-xs" />
      </DropdownMenuTrigger>
      <DropdownMenuContent side="right" align="end" collisionPadding={8}>
        <div className="px-2.5 py-2">
          <p className="truncate text-sm font-semibold">{user.name}</p>
          <p className="truncate text-xs text-neutral-500 dark:text-neutral-400">{user.email}</p>
          <p className="mt-1 truncate text-xs text-neutral-500 dark:text-neutral-400">
            {workspace.name} · {t(`roles.${role}`)}
          </p>
        </div>
        <DropdownMenuSeparator />
        <DropdownMenuLabel className="flex items-center gap-1.5">
          <Languages aria-hidden className="size-3.5" />
          {t('common.language')}
        </DropdownMenuLabel>
        <DropdownMenuRadioGroup
          value={currentLocale()}
          onValueChange={(value) => {
            chooseLocale(value as Locale, user.id);
            updateMe.mutate({ locale: value as Locale });
          }}
        >
          {locales.map((locale) => (
            <DropdownMenuRadioItem key={locale} value={locale} lang={locale} data-testid={`locale-${locale}`}>
              {t(`common.languages.${locale}`)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => navigate('/settings/account')} data-testid="my-account">
          <UserCog aria-hidden className="size-4" />
          {t('access.account.nav')}
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={onLogout} data-testid="logout">
          <LogOut aria-hidden className="size-4" />
          {t('nav.logout')}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
