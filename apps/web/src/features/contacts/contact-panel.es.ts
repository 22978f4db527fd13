/** The contact's profile beside the contacts table or a conversation (Spanish). */
export const contactPanelEs = {
  toggle: 'Mostrar u ocultar el perfil del contacto',
  otherConversations: 'Otras conversaciones',
  noOtherConversations: 'No hay otras conversaciones que puedas ver.',
  saved: 'Guardado',
};
