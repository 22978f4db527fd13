/** Every TanStack query key the app uses, so realtime invalidation and screens agree. */
export const queryKeys = {
  setup: ['setup'] as const,
  me: ['me'] as const,
  conversations: ['conversations'] as const,
  threads: ['thread'] as const,
  thread: (conversationId: string) => ['thread', conversationId] as const,
  channels: ['channels'] as const,
  templates: ['templates'] as const,
  /** The list; features/broadcasts keeps its own keys under the same prefix. */
  broadcasts: ['broadcasts', 'list'] as const,
  broadcast: (id: string) => ['broadcasts', 'one', id] as const,
  /** Every broadcast query: the list, each broadcast and what features/broadcasts keeps. */
  allBroadcasts: ['broadcasts'] as const,
  members: ['members'] as const,
  /** features/contacts keeps its keys under these. */
  contact: (id: string) => ['contacts', 'one', id] as const,
  contactLists: ['contacts', 'list'] as const,
  contactProfiles: ['contacts', 'one'] as const,
  invitation: (token: string) => ['invitation', token] as const,
};
