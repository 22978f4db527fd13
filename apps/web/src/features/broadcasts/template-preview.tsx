import type { Template, TemplateValues } from '@charla/contracts';
import { renderTemplate } from '@charla/contracts/template-rules';
import { PhonePreview } from '../templates/phone-preview';

/** The template filled with one recipient's values, on the phone the templates editor also uses. */
export function TemplatePreview(props: { template: Template; values: TemplateValues; businessName: string }) {
  return (
    <PhonePreview template={renderTemplate(props.template, props.values)} businessName={props.businessName} />
  );
}
