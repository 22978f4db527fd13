/** What WhatsApp's rules mean for a real number, shown before connecting it (Spanish). */
export const connectRulesEs = {
  title: 'Antes de conectar: qué significa para este número',
  leavesApp:
    'El número deja la app WhatsApp Business: una vez en la Plataforma de WhatsApp Business ya no lo usas desde la app del teléfono, salvo que Meta lo conecte con su registro de coexistencia (app y plataforma a la vez).',
  oldChats:
    'Sus chats anteriores no pasan a Charla: aquí verás solo los mensajes que lleguen después de conectarlo. Guarda una copia de la app si necesitas el historial.',
  oneProvider:
    'Se conecta a un solo proveedor a la vez: si hoy lo usa otra plataforma o proveedor, desconéctalo allí antes de conectarlo aquí.',
};
