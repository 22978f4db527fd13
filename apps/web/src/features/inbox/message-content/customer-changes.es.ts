/** Lines and marks for what the customer did to their messages, and WhatsApp calls (Spanish). */
export const customerChangesEs = {
  deleted: 'Eliminado por el cliente',
  edited: 'Editado',
  showPrevious: 'Ver el texto anterior',
  hidePrevious: 'Ocultar el texto anterior',
  previous: 'Antes decía:',
  revokeNotice: 'El cliente eliminó un mensaje',
  editNotice: 'El cliente editó un mensaje',
  call: {
    missed: 'Llamada perdida de WhatsApp',
    ended: 'Llamada de WhatsApp ({{duration}})',
    permission_granted: 'El cliente aceptó que le llamen por WhatsApp',
    permission_declined: 'El cliente no aceptó llamadas por WhatsApp',
  },
  callNote:
    'Charla no contesta llamadas de WhatsApp: respóndele por escrito aquí o llámale desde un teléfono.',
  minutes: '{{count}} min',
  seconds: '{{count}} s',
  /** Inbox filter: chats a customer started from a click-to-WhatsApp ad. */
  fromAdsFilter: 'Desde anuncios',
  /** Links to the ad's media (Meta's URLs: opened in a new tab, never loaded in the thread). */
  adImage: 'Imagen del anuncio',
  adVideo: 'Video del anuncio',
};
