import { Button } from './button';

/** A settings form's last row: "saved" once it is, then the submit button. */
export function SaveRow({
  label,
  savedLabel,
  isSaved,
  isPending,
  testId,
}: {
  label: string;
  savedLabel: string;
  isSaved: boolean;
  isPending: boolean;
  /** `<testId>-save` on the button, `<testId>-saved` on the note. */
  testId: string;
}) {
  return (
    <div className="flex items-center justify-end gap-3">
      {isSaved ? (
        <span className="text-sm text-green-700 dark:text-green-400" data-testid={`${testId}-saved`}>
          {savedLabel}
        </span>
      ) : null}
      <Button type="submit" isLoading={isPending} data-testid={`${testId}-save`}>
        {label}
      </Button>
    </div>
  );
}
