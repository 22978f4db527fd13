/** Unsupported kinds (Cloud API `unsupported.type`) with a sentence in every interface language. */
export const translatedUnsupportedKinds: readonly string[] = [
  'edit',
  'revoke',
  'poll_creation',
  'poll_update',
  'location',
  'group_invite',
];
