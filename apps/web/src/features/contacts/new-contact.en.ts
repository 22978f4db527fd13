import type { newContactEs } from './new-contact.es';

/** Adding a contact by hand (English). */
export const newContactEn: typeof newContactEs = {
  open: 'New contact',
  title: 'New contact',
  description: 'A number without + is read in the chosen country.',
  phone: 'Phone',
  country: 'Country',
  name: 'Name',
  tags: 'Tags',
  tagsHint: 'Separated by commas.',
  optIn: 'Consent',
  optInUnknown: 'Not confirmed',
  optInYes: 'Agreed to receive messages',
  optInNo: 'Does not want messages',
  save: 'Add contact',
  cancel: 'Cancel',
  example: 'Example in {{country}}: {{example}}',
  exists: 'This number already belongs to a contact.',
  openExisting: 'Open the contact',
  problem: {
    empty: 'Type the number.',
    letters: 'It has letters: type only digits, spaces, dashes and a leading +.',
    characters: 'It has characters other than digits, spaces, dashes, brackets and a leading +.',
    too_short: 'It is too short: a phone number has at least 7 digits.',
    too_long: 'It is too long: a phone number has at most 15 digits.',
    country: 'Choose a country, or type the number with + and its country code.',
    invalid: 'Its digits do not form a number of {{country}}.',
    invalidInternational: 'The country code and digits do not form a number in use.',
  },
};
