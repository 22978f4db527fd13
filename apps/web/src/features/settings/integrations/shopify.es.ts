/** Settings › Integrations › Shopify (Spanish). */
export const shopifyEs = {
  title: 'Shopify',
  subtitle:
    'Confirmación de pedido, aviso de envío con el enlace de seguimiento y recuperación de carritos abandonados por WhatsApp, con las plantillas que elijas.',
  connect: {
    title: 'Conecta tu tienda',
    shop: 'Dirección de la tienda',
    shopPlaceholder: 'tutienda.myshopify.com',
    secret: 'Secreto de los webhooks',
    secretHint:
      'En Shopify: Configuración › Notificaciones › Webhooks; aparece debajo de la lista («Tus webhooks se firmarán con…»).',
    secretKeep: 'Déjalo vacío para conservar el secreto guardado.',
    number: 'Número',
    numberHint: 'El número de WhatsApp desde el que salen los mensajes.',
    submit: 'Conectar tienda',
    save: 'Guardar tienda y número',
    noNumbers: 'Conecta primero un número de WhatsApp (Configuración › Números).',
  },
  connected: 'Conectada',
  webhook: {
    title: 'Pega esta dirección en Shopify',
    body: 'En Configuración › Notificaciones › Webhooks, crea un webhook por cada evento, en formato JSON, con esta misma dirección:',
    url: 'Dirección del webhook',
  },
  automations: {
    title: 'Automatizaciones',
    variables: 'Variables: {{list}}',
    template: 'Plantilla',
    noTemplate: 'Elige una plantilla aprobada…',
    value: 'Valor de {{name}}',
    orderConfirmation: {
      title: 'Confirmación de pedido',
      body: 'Cuando se crea un pedido, al teléfono del cliente.',
    },
    shippingUpdate: {
      title: 'Aviso de envío',
      body: 'Cuando el pedido se envía, con el enlace de seguimiento.',
    },
    abandonedCheckout: {
      title: 'Carrito abandonado',
      body: 'Tres mensajes si no compra: a los 15 minutos, a la hora y a las 24 horas. Se detiene si compra o si responde.',
      step: 'Paso {{n}} · {{when}}',
      when: { 0: '15 min', 1: '1 h', 2: '24 h' },
    },
    on: 'Activada',
    save: 'Guardar',
    saved: 'Guardado',
  },
  events: {
    title: 'Últimos eventos recibidos',
    empty:
      'Aún no ha llegado nada. Haz un pedido de prueba o usa «Enviar notificación de prueba» en Shopify.',
    outcome: {
      pending: 'En curso',
      sent: 'Enviado',
      enrolled: 'Recuperación iniciada',
      refreshed: 'Recuperación actualizada',
      stopped: 'Recuperación detenida',
      skipped: 'Omitido',
      ignored: 'Sin acción',
      failed: 'Falló',
    },
  },
  disconnect: {
    action: 'Desconectar',
    title: '¿Desconectar {{shop}}?',
    body: 'Charla rechazará sus webhooks y dejará de enviar estos mensajes. La secuencia de recuperación se desactiva.',
    submit: 'Desconectar tienda',
  },
};
