import { ChevronDown, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from '../../../ui/dropdown-menu';
import { Input } from '../../../ui/input';
import { Label } from '../../../ui/label';
import type { ContactSource } from '../../templates/template-values';

type VariableFieldProps = {
  id: string;
  label: string;
  value: string;
  sources: ContactSource[];
  isMissing: boolean;
  onChange: (value: string) => void;
  placeholder?: string | undefined;
  /** Fixed text before the value (the start of a link). */
  prefix?: string | undefined;
};

/** A value typed by hand or taken from one of the contact's fields. */
export function VariableField({
  id,
  label,
  value,
  sources,
  isMissing,
  onChange,
  placeholder,
  prefix,
}: VariableFieldProps) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>
        <span className="font-mono">{label}</span>
      </Label>
      <div className="flex gap-2">
        <div className="flex min-w-0 flex-1 items-center">
          {prefix ? (
            <span
              className="max-w-[45%] truncate rounded-l-lg border border-r-0 border-neutral-300 bg-neutral-50 px-2 py-2 text-xs text-neutral-500 dark:border-neutral-700 dark:bg-neutral-800"
              title={prefix}
            >
              {prefix}
            </span>
          ) : null}
          <Input
            id={id}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            placeholder={placeholder}
            className={prefix ? 'rounded-l-none' : undefined}
            data-testid={id}
          />
        </div>
        {sources.length > 0 ? (
          <DropdownMenu modal={false}>
            <DropdownMenuTrigger asChild>
              <Button
                variant="secondary"
                className="shrink-0 px-3"
                aria-label={t('templates.picker.fromContact')}
                title={t('templates.picker.fromContact')}
                data-testid={`${id}-source`}
              >
                <UserRound aria-hidden className="size-4" />
                <ChevronDown aria-hidden className="size-3.5" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end" className="max-h-72 overflow-y-auto">
              <DropdownMenuLabel>{t('templates.picker.fromContact')}</DropdownMenuLabel>
              {sources.map((source) => (
                <DropdownMenuItem
                  key={source.key}
                  onSelect={() => onChange(source.value)}
                  data-testid={`${id}-source-${source.key}`}
                >
                  <span className="flex min-w-0 flex-col">
                    <span className="text-xs text-neutral-500">
                      {source.key === 'name' || source.key === 'phone'
                        ? t(`templates.picker.source.${source.key}`)
                        : source.key}
                    </span>
                    <span className="truncate">{source.value}</span>
                  </span>
                </DropdownMenuItem>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
      </div>
      {isMissing ? (
        <p className="text-xs text-neutral-500 dark:text-neutral-400">{t('templates.picker.required')}</p>
      ) : null}
    </div>
  );
}
