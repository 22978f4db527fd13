import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';

/** One condition or action of a rule: what it is, its ✕, and its settings below. */
export function RuleRow(props: { title: string; onRemove(): void; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border border-neutral-200 p-3 dark:border-neutral-800"
      data-testid={props.testId}
    >
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm font-medium">{props.title}</span>
        <Button
          type="button"
          variant="ghost"
          size="icon"
          onClick={props.onRemove}
          aria-label={t('rules.editor.remove')}
        >
          <X aria-hidden className="size-4" />
        </Button>
      </div>
      {props.children}
    </div>
  );
}
