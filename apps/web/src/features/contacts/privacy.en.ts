import type { privacyEs } from './privacy.es';

/** A contact's data rights in the contact panel (English). */
export const privacyEn: typeof privacyEs = {
  heading: 'Personal data',
  hint: "At the customer's request (GDPR and Latin American data protection laws): give them a copy of everything you keep about them, or erase it for good.",
  export: 'Export data',
  erase: 'Erase for good',
  eraseTitle: 'Erase {{name}} for good',
  eraseWarning:
    'Their conversations, every message and file, internal notes, labels, attributes and consent will be deleted. Broadcasts keep their numbers, without their phone number. Anything waiting to be sent to them will not leave. This cannot be undone.',
  confirmLabel: 'To confirm, type their number {{phone}}',
  confirmLabelName: 'To confirm, type their name “{{name}}”',
  confirmButton: 'Erase for good',
  cancel: 'Cancel',
  erased: 'Contact erased: {{messages}} messages and {{files}} files deleted.',
};
