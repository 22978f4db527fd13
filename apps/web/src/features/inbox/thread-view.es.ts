/** The thread's jump button and the @ member picker of notes (Spanish). */
export const threadViewEs = {
  jumpToLatest: 'Ir a lo último',
  jumpToLatestCount: 'Ir a lo último ({{count}})',
  mentionPicker: 'Mencionar a un miembro',
  mentionEmpty: 'Ningún miembro coincide',
  mentionLoading: 'Cargando…',
};
