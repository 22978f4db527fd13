/** Spanish strings of disconnecting and reconnecting a WhatsApp number (i18n/es.ts `numberDisconnect`). */
export const numberDisconnectEs = {
  status: 'Desconectado',
  disconnect: 'Desconectar',
  confirmTitle: '¿Desconectar {{number}}?',
  confirmBody:
    'Charla deja de enviar y recibir por este número y olvida su token de acceso y su app secret. Las conversaciones y mensajes se conservan y se pueden leer. Los mensajes que esperan salir no se enviarán, y las difusiones de este número se pausan. Puedes reconectarlo cuando quieras con credenciales nuevas.',
  confirmSubmit: 'Desconectar',
  disconnectedBody:
    'Este número está desconectado: su historial se conserva, pero no se envía ni se recibe nada por él. Para usarlo de nuevo, reconéctalo con el mismo identificador del número de teléfono y credenciales nuevas.',
  reconnect: 'Reconectar',
  reconnectTitle: 'Reconectar {{number}}',
  inboxOption: '{{name}} (desconectado)',
};
