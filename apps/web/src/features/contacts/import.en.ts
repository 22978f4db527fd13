import type { contactImportEs } from './import.es';

/** The contact import's mapping step and report (English). */
export const contactImportEn: typeof contactImportEs = {
  unmappedHeading: 'Unmapped columns',
  unmappedHint:
    'A column that goes to no field can become a new contact attribute. It is created when the import starts, and its values are checked by its type.',
  create: 'Create attribute “{{column}}”',
  cancelCreate: 'Don’t create',
  newLabel: 'Attribute name',
  newType: 'Type',
  newOptions: 'Options',
  newOptionsHint: 'One per line.',
  newKey: 'Key: {{key}}',
  invalidNewAttribute: 'Column “{{column}}” cannot become a new attribute: {{reason}}',
  column: 'Column',
  problem: 'Problem',
  firstShown: 'Showing the first {{shown}} of {{count}} rejected rows.',
  downloadAll: 'Download all rejected rows (CSV)',
  csvHeader: { line: 'line', column: 'column', value: 'value', problem: 'problem', detail: 'detail' },
};
