import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { SaveRow } from '../../ui/save-row';

/**
 * The foot of a rule's or a sequence's editor: why saving failed (`<testId>-error`), then the save
 * button and its "saved" note (`<testId>-save`, `<testId>-saved`), which someone who may only read
 * does not get.
 */
export function EditorSaveBar(props: {
  save: { error: unknown; isSuccess: boolean; isPending: boolean };
  label: string;
  savedLabel: string;
  testId: string;
  canSave?: boolean;
}) {
  const errorMessage = useErrorMessage();
  const { save } = props;
  return (
    <>
      {save.error ? (
        <Alert tone="error">
          <span data-testid={`${props.testId}-error`}>{errorMessage(save.error)}</span>
        </Alert>
      ) : null}
      {props.canSave === false ? null : (
        <SaveRow
          label={props.label}
          savedLabel={props.savedLabel}
          isSaved={save.isSuccess}
          isPending={save.isPending}
          testId={props.testId}
        />
      )}
    </>
  );
}
