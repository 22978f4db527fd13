/** Settings › Webhooks (Spanish). `webhooks.en.ts` has the same keys. */
export const webhooksEs = {
  nav: 'Webhooks',
  title: 'Webhooks',
  subtitle:
    'Charla avisa a tus sistemas de lo que pasa (un cliente escribe, un mensaje se entrega o se lee, empieza una conversación) enviando cada evento a la dirección que elijas, firmado para que compruebes que viene de Charla.',
  docs: 'Documentación de la API',
  create: 'Nuevo webhook',
  managersOnly: 'Solo el propietario y los administradores pueden ver y configurar los webhooks.',
  empty: {
    title: 'Todavía no hay webhooks',
    body: 'Con un webhook, tu tienda en línea, tu CRM o tu propio servidor se enteran al momento cuando un cliente escribe o un mensaje se entrega, sin tener que preguntarle a Charla una y otra vez.',
    create: 'Crear el primer webhook',
  },
  state: {
    active: 'Activo',
    failing: 'Con fallos',
    off: 'Apagado',
    disabled: 'Desactivado por Charla',
  },
  failingSince: 'Las entregas fallan desde {{when}}.',
  failingHint: 'Charla las sigue reintentando; si todo falla durante un día, desactivará el webhook.',
  offHint:
    'Apagado: Charla no le envía eventos nuevos. Lo que quedó pendiente se enviará cuando lo enciendas.',
  disabled: {
    title: 'Charla desactivó este webhook tras un día de fallos',
    body: 'Ninguna entrega llegó durante más de 24 horas. Revisa tu servidor, vuelve a encender el webhook y reenvía desde el registro las entregas que fallaron.',
    reason: 'Motivo',
    turnOn: 'Encender de nuevo',
  },
  justNow: 'hace un momento',
  createdOn: 'Creado el {{date}}',
  previousSecret: 'El secreto anterior también firma hasta el {{date}}.',
  actions: {
    deliveries: 'Ver entregas',
    edit: 'Editar',
    test: 'Enviar evento de prueba',
    testOff: 'Enciende el webhook para enviar un evento de prueba.',
    turnOff: 'Apagar',
    turnOn: 'Encender',
    rotate: 'Renovar secreto',
    delete: 'Eliminar',
    more: 'Más acciones del webhook {{url}}',
  },
  testSent: 'Evento de prueba enviado. Aparecerá en el registro de entregas en cuanto llegue.',
  confirmDelete: {
    title: '¿Eliminar este webhook?',
    body: 'Charla dejará de enviar eventos a {{url}} y se borrará su registro de entregas. No se puede deshacer.',
    submit: 'Eliminar webhook',
  },
  confirmRotate: {
    title: '¿Renovar el secreto de firma?',
    body: 'Charla empezará a firmar con un secreto nuevo. El actual seguirá firmando también durante 24 horas, para que actualices tu servidor sin perder ninguna entrega.',
    submit: 'Renovar secreto',
  },
  form: {
    createTitle: 'Nuevo webhook',
    editTitle: 'Editar webhook',
    url: 'Dirección (URL)',
    urlPlaceholder: 'https://tu-servidor.com/webhooks/charla',
    urlHint:
      'Tu servidor recibirá cada evento aquí, por POST. Usa https:// y una dirección pública, accesible desde internet.',
    urlMissing: 'Escribe la dirección completa, empezando por https://',
    description: 'Descripción (opcional)',
    descriptionPlaceholder: 'Pedidos de la tienda en línea',
    descriptionHint: 'Para recordar después a qué sistema avisa.',
    events: 'Eventos',
    eventsHint: 'Charla enviará solo los que marques.',
    all: 'Marcar todos',
    none: 'Desmarcar todos',
    noEvents: 'Elige al menos un evento.',
    submitCreate: 'Crear webhook',
    submitEdit: 'Guardar cambios',
  },
  secret: {
    createdTitle: 'Copia el secreto de firma',
    createdBody: 'El webhook está listo: Charla enviará los eventos a {{url}}.',
    rotatedTitle: 'Copia el secreto nuevo',
    rotatedBody: 'Charla ya firma las entregas a {{url}} con este secreto.',
    warning:
      'Es la única vez que lo verás. Guárdalo en un lugar seguro, como las variables de entorno de tu servidor; si lo pierdes, renuévalo.',
    oldStillWorks:
      'El secreto anterior seguirá firmando junto al nuevo hasta el {{date}}: actualiza tu servidor antes de esa hora.',
    label: 'Secreto de firma',
    copy: 'Copiar',
    copied: 'Copiado',
    verifyTitle: 'Cómo verificar las entregas',
    verifyIntro: 'Cada entrega sigue el estándar Standard Webhooks y llega con tres cabeceras:',
    headers: {
      id: 'el mismo en cada reintento: guárdalo para no procesar dos veces la misma entrega.',
      timestamp: 'cuándo se firmó, en segundos desde 1970: rechaza las entregas antiguas.',
      signature: 'v1, y el HMAC-SHA256 en base64 de id.timestamp.cuerpo con este secreto.',
    },
    verifyLibrary: 'Las bibliotecas de Standard Webhooks lo comprueban por ti; por ejemplo, en Node.js:',
    codeComment: 'Lanza un error si la firma no es válida o la entrega es antigua',
    libraries: 'Bibliotecas de Standard Webhooks',
    done: 'Ya lo guardé',
  },
  deliveries: {
    back: 'Todos los webhooks',
    title: 'Entregas',
    subtitle:
      'Cada evento enviado a esta dirección, el más reciente primero, con todos sus intentos. Si una entrega falla, Charla la reintenta durante unas 27 horas: a los 5\u00a0s, 5\u00a0min, 30\u00a0min, 2\u00a0h, 5\u00a0h, 10\u00a0h y 10\u00a0h.',
    filterLabel: 'Filtrar por estado',
    filter: { all: 'Todas', pending: 'Pendientes', delivered: 'Entregadas', failed: 'Fallidas' },
    status: { pending: 'Pendiente', delivered: 'Entregada', failed: 'Fallida' },
    nextTry: 'Próximo intento: {{when}}',
    sendingNow: 'Enviándose…',
    paused: 'En espera: el webhook está apagado',
    attempts_one: '{{count}} intento',
    attempts_other: '{{count}} intentos',
    empty: 'Todavía no hay entregas. Envía un evento de prueba para ver cómo llega.',
    emptyFiltered: 'No hay entregas con este estado.',
    loadMore: 'Cargar más',
    show: 'Mostrar los detalles de la entrega',
    attemptsTitle: 'Intentos',
    noAttempts: 'Todavía no se ha intentado.',
    latency: 'Tiempo de respuesta',
    noAnswer: 'Sin respuesta',
    notDelivered: 'Solo una respuesta 2xx cuenta como entregada.',
    response: 'Respuesta',
    emptyResponse: '(respuesta vacía)',
    ms: '{{count}} ms',
    payloadTitle: 'Contenido enviado',
    webhookId: 'webhook-id',
    replay: 'Reenviar',
    replayHint: 'Se envía otra vez ahora, con el mismo webhook-id.',
    notFound: 'Este webhook ya no existe.',
  },
  catalogue: {
    title: 'Eventos que puedes recibir',
    subtitle:
      'Cada entrega es un POST con un JSON { type, timestamp, data }. Estos son los eventos, qué contienen y un ejemplo de cada uno.',
    example: 'Ver ejemplo',
    hideExample: 'Ocultar ejemplo',
    testOnly: 'Solo de prueba',
  },
  /** What each event means; an event this list lacks shows the server's own words. */
  eventInfo: {
    message: {
      received:
        'Un cliente escribió (cualquier tipo de mensaje). Incluye el mensaje, su conversación y el contacto.',
      sent: 'WhatsApp confirma que envió uno de tus mensajes (una palomita gris).',
      status_changed:
        'Un mensaje que enviaste se entregó, se leyó o falló. Si falló, incluye el código de WhatsApp (nulo si el error es de Charla) y el motivo en palabras.',
    },
    conversation: {
      created: 'Un cliente escribió por primera vez a uno de tus números (una conversación nueva).',
      status_changed:
        'Una conversación se abrió, quedó pendiente, se resolvió o se pospuso: por un miembro, una regla, un bot o Charla (`by`).',
      assigned:
        'Una conversación se asignó a un miembro, o quedó sin asignar (`to` nulo): por un miembro, una regla o la cola.',
    },
    contact: {
      created:
        'Un contacto nuevo: el cliente escribió por primera vez, o lo añadió un miembro, la API o una importación (`source`).',
      updated:
        'Cambió lo que Charla guarda de un contacto: `changed` dice qué (nombre, notas, etiquetas, atributos, consentimiento); `contact` es como quedó.',
      opted_out:
        'Un cliente se dio de baja de tus mensajes: con una palabra (STOP, BAJA…) o con «dejar de recibir promociones» de WhatsApp (`source`).',
    },
    broadcast: {
      completed:
        'Una difusión terminó de enviarse. Los `counts` son los de ese momento; entregas y lecturas siguen llegando (consulta la difusión para los últimos).',
    },
    template: {
      status_changed:
        'Meta revisó una plantilla o cambió su estado: pendiente, aprobada, rechazada (con el motivo), en pausa, desactivada, eliminada.',
    },
    flow: {
      completed:
        'Un bot terminó con un cliente: `outcome` dice cómo (completed, handed_off, timed_out, stopped, moved) y `variables` lo que recogió.',
    },
    webhook: {
      test: 'Lo envía «Enviar evento de prueba», para comprobar que tu servidor recibe y verifica las entregas.',
    },
  },
};
