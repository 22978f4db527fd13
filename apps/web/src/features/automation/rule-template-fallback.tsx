import { type AutomationTemplate, RULE_VARIABLES } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/use-error-message';
import { useTemplates } from '../templates/templates.api';
import { AutomationTemplateFields } from './automation-template-fields';

/**
 * A rule message's fallback: the approved template sent instead once the customer's 24-hour
 * window has closed (a "we miss you" after a day), from the account of the rule's numbers.
 */
export function RuleTemplateFallback(props: {
  index: number;
  wabaId: string | null;
  template: AutomationTemplate | null | undefined;
  error: unknown;
  onChange(template: AutomationTemplate | null): void;
}) {
  const { t } = useTranslation();
  const templates = useTemplates(props.wabaId, 'approved');
  return (
    <div className="space-y-3 rounded-md border border-dashed border-neutral-300 p-3 dark:border-neutral-700">
      <AutomationTemplateFields
        idPrefix={`action-${props.index}-fallback`}
        label={t('rules.editor.fallbackTemplate')}
        hint={t('rules.editor.fallbackHint', { list: RULE_VARIABLES.map((v) => `{{${v}}}`).join(' ') })}
        noneLabel={t('rules.editor.noFallback')}
        template={props.template}
        templates={templates.data ?? []}
        problem={(path) => fieldError(props.error, `actions.${props.index}.template${path}`)}
        onChange={props.onChange}
        testId="rule-fallback-template"
      />
    </div>
  );
}
