/** "Nueva conversación": a business writes first, with an approved template. */
export const newConversationEs = {
  action: 'Nueva conversación',
  title: 'Nueva conversación',
  fillTitle: 'Nueva conversación: {{name}}',
  rule: 'WhatsApp solo deja que un negocio empiece una conversación con una plantilla aprobada. Cuando el cliente responde se abren 24 horas para escribirle libremente; pasado ese plazo, de nuevo solo con plantillas.',
  from: 'Escribir desde',
  customer: 'Cliente',
  search: 'Busca un contacto por nombre o teléfono, o escribe un número',
  searchHint: 'Con el código de país y +, por ejemplo +52 55 1234 5678.',
  searchHintCountry: 'Con + y el código de país, o un número nacional de {{country}}.',
  writeTo: 'Escribir a {{phone}} (número nuevo)',
  noMatch: 'Ningún contacto coincide. Escribe el número completo para escribirle.',
  change: 'Cambiar',
  template: 'Plantilla aprobada',
  templateHint:
    'Las plantillas con imagen, vídeo o documento en la cabecera se envían desde la conversación.',
  noNumber: 'No hay ningún número conectado desde el que escribir.',
  invalidPhone: 'Ese número no es válido. Escríbelo con el código de país y +, por ejemplo +52 55 1234 5678.',
};
