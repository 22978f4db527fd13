/**
 * Every WhatsApp Cloud API error code (reference §6.2, synchronous and asynchronous) in words a
 * shop owner understands: what happened and what to do. The server stores the English sentence
 * as a message's `reason`; the web shows the sentence of the user's language by `code`.
 *
 * `retry`: `yes` Charla tries again by itself with backoff (nothing reached the customer);
 * `later` it can work later, once something outside Charla changes; `no` sending the same
 * message again will fail the same way.
 */
export type WhatsAppErrorRetry = 'yes' | 'later' | 'no';
export type WhatsAppErrorLocale = 'en' | 'es';
export interface WhatsAppErrorText {
  en: string;
  es: string;
  retry: WhatsAppErrorRetry;
}

const RECONNECT_EN = 'Reconnect the number in Settings with a new access token.';
const RECONNECT_ES = 'Vuelve a conectar el número en Ajustes con un token de acceso nuevo.';
const AUTO_EN = 'Charla will try again by itself.';
const AUTO_ES = 'Charla lo volverá a intentar sola.';
const TEMPLATE_EN = 'Check the template in WhatsApp Manager, then send it again.';
const TEMPLATE_ES = 'Revisa la plantilla en WhatsApp Manager y vuelve a enviarla.';
const REGISTRATION_EN = 'Finish registering the number in WhatsApp Manager, then try again.';
const REGISTRATION_ES = 'Termina de registrar el número en WhatsApp Manager y vuelve a intentarlo.';

export const WHATSAPP_ERRORS: Record<number, WhatsAppErrorText> = {
  0: {
    en: `WhatsApp no longer accepts the access token of this number. ${RECONNECT_EN}`,
    es: `WhatsApp ya no acepta el token de acceso de este número. ${RECONNECT_ES}`,
    retry: 'no',
  },
  1: {
    en: 'WhatsApp could not handle the request. Try again in a few minutes; if it keeps failing, contact support.',
    es: 'WhatsApp no pudo procesar la solicitud. Inténtalo de nuevo en unos minutos; si sigue fallando, contacta con soporte.',
    retry: 'later',
  },
  2: {
    en: `WhatsApp is temporarily down or overloaded. ${AUTO_EN}`,
    es: `WhatsApp está caído o saturado por un momento. ${AUTO_ES}`,
    retry: 'yes',
  },
  3: {
    en: 'This WhatsApp app lacks a capability or permission it needs. Check the app setup in Meta for Developers.',
    es: 'A esta app de WhatsApp le falta una capacidad o un permiso. Revisa la configuración de la app en Meta for Developers.',
    retry: 'no',
  },
  4: {
    en: `Charla made too many requests to WhatsApp in a short time. ${AUTO_EN}`,
    es: `Charla hizo demasiadas solicitudes a WhatsApp en poco tiempo. ${AUTO_ES}`,
    retry: 'yes',
  },
  10: {
    en: `The access token of this number lacks the WhatsApp messaging permission. ${RECONNECT_EN}`,
    es: `El token de acceso de este número no tiene permiso para enviar mensajes de WhatsApp. ${RECONNECT_ES}`,
    retry: 'no',
  },
  33: {
    en: 'WhatsApp does not know this business number (it may have been deleted). Check the number in Settings.',
    es: 'WhatsApp no reconoce este número de empresa (puede que se haya eliminado). Revisa el número en Ajustes.',
    retry: 'no',
  },
  100: {
    en: 'WhatsApp refused the message because a field is missing, too long or not valid. Edit it and send it again.',
    es: 'WhatsApp rechazó el mensaje porque falta un dato, es demasiado largo o no es válido. Corrígelo y vuelve a enviarlo.',
    retry: 'no',
  },
  190: {
    en: `The access token of this number expired or is not valid. ${RECONNECT_EN}`,
    es: `El token de acceso de este número caducó o no es válido. ${RECONNECT_ES}`,
    retry: 'no',
  },
  200: {
    en: `The access token of this number lacks a permission WhatsApp needs. ${RECONNECT_EN}`,
    es: `El token de acceso de este número no tiene un permiso que WhatsApp necesita. ${RECONNECT_ES}`,
    retry: 'no',
  },
  368: {
    en: 'WhatsApp temporarily blocked this business account for breaking its policies. Check Business Support Home; you can send again once the block ends.',
    es: 'WhatsApp bloqueó temporalmente esta cuenta de empresa por incumplir sus políticas. Revisa Business Support Home; podrás volver a enviar cuando termine el bloqueo.',
    retry: 'later',
  },
  80007: {
    en: `This WhatsApp account reached its hourly limit of requests. ${AUTO_EN}`,
    es: `Esta cuenta de WhatsApp alcanzó su límite de solicitudes por hora. ${AUTO_ES}`,
    retry: 'yes',
  },
  130403: {
    en: 'Your business has blocked this customer on WhatsApp. Unblock them to write to them.',
    es: 'Tu empresa bloqueó a este cliente en WhatsApp. Desbloquéalo para poder escribirle.',
    retry: 'no',
  },
  130429: {
    en: `This number is sending faster than WhatsApp allows. ${AUTO_EN}`,
    es: `Este número está enviando más rápido de lo que WhatsApp permite. ${AUTO_ES}`,
    retry: 'yes',
  },
  130472: {
    en: "WhatsApp did not deliver this message because the customer's number is part of a Meta experiment. Nothing to fix on your side.",
    es: 'WhatsApp no entregó este mensaje porque el número del cliente forma parte de un experimento de Meta. No hay nada que corregir de tu lado.',
    retry: 'no',
  },
  130497: {
    en: "Your business account may not send this kind of message to customers in this customer's country.",
    es: 'Tu cuenta de empresa no puede enviar este tipo de mensaje a clientes del país de este cliente.',
    retry: 'no',
  },
  131000: {
    en: `WhatsApp had an unexpected error. ${AUTO_EN}`,
    es: `WhatsApp tuvo un error inesperado. ${AUTO_ES}`,
    retry: 'yes',
  },
  131005: {
    en: `The access token of this number may not send messages. ${RECONNECT_EN}`,
    es: `El token de acceso de este número no puede enviar mensajes. ${RECONNECT_ES}`,
    retry: 'no',
  },
  131008: {
    en: 'WhatsApp refused the message because something required is missing. Complete it and send it again.',
    es: 'WhatsApp rechazó el mensaje porque falta algo obligatorio. Complétalo y vuelve a enviarlo.',
    retry: 'no',
  },
  131009: {
    en: 'WhatsApp refused a value in the message (for a reaction: the message may be too old or gone). Edit it and send it again.',
    es: 'WhatsApp rechazó un dato del mensaje (en una reacción: el mensaje puede ser muy antiguo o ya no existir). Corrígelo y vuelve a enviarlo.',
    retry: 'no',
  },
  131016: {
    en: `WhatsApp is temporarily unavailable. ${AUTO_EN}`,
    es: `WhatsApp no está disponible por un momento. ${AUTO_ES}`,
    retry: 'yes',
  },
  131021: {
    en: 'This is your own business number: WhatsApp does not let a number write to itself.',
    es: 'Este es tu propio número de empresa: WhatsApp no permite que un número se escriba a sí mismo.',
    retry: 'no',
  },
  131026: {
    en: 'WhatsApp could not deliver this message: the number may not be on WhatsApp, may use an outdated app, or may not have accepted the terms. Reach the customer another way.',
    es: 'WhatsApp no pudo entregar este mensaje: puede que el número no tenga WhatsApp, use una versión antigua o no haya aceptado las condiciones. Contacta al cliente por otra vía.',
    retry: 'no',
  },
  131030: {
    en: 'This test number may only write to phone numbers on its allowed list. Add the number in Meta for Developers.',
    es: 'Este número de prueba solo puede escribir a los números de su lista permitida. Añade el número en Meta for Developers.',
    retry: 'no',
  },
  131031: {
    en: 'WhatsApp locked this business account (policy violation or a failed check, such as a wrong PIN). Check Business Support Home.',
    es: 'WhatsApp bloqueó esta cuenta de empresa (incumplimiento de políticas o una verificación fallida, como un PIN incorrecto). Revisa Business Support Home.',
    retry: 'no',
  },
  131037: {
    en: 'This number needs an approved display name before it can send. Set it in WhatsApp Manager.',
    es: 'Este número necesita un nombre visible aprobado antes de enviar. Configúralo en WhatsApp Manager.',
    retry: 'no',
  },
  131042: {
    en: 'WhatsApp could not charge this business account (payment method, credit line, currency or time zone). Fix billing in WhatsApp Manager, then send again.',
    es: 'WhatsApp no pudo cobrar a esta cuenta de empresa (método de pago, línea de crédito, moneda o zona horaria). Arregla la facturación en WhatsApp Manager y vuelve a enviar.',
    retry: 'later',
  },
  131044: {
    en: 'There is a payment problem with this business account. Fix billing in WhatsApp Manager, then try again.',
    es: 'Hay un problema de pago con esta cuenta de empresa. Arregla la facturación en WhatsApp Manager y vuelve a intentarlo.',
    retry: 'later',
  },
  131045: {
    en: `This number is not fully registered with WhatsApp (certificate error). ${REGISTRATION_EN}`,
    es: `Este número no está bien registrado en WhatsApp (error de certificado). ${REGISTRATION_ES}`,
    retry: 'no',
  },
  131047: {
    en: 'More than 24 hours have passed since the customer last wrote. Only an approved template can be sent now.',
    es: 'Pasaron más de 24 horas desde el último mensaje del cliente. Ahora solo se puede enviar una plantilla aprobada.',
    retry: 'no',
  },
  131048: {
    en: 'WhatsApp limited this number because too many customers blocked or reported it. Wait, and send only messages customers expect.',
    es: 'WhatsApp limitó este número porque demasiados clientes lo bloquearon o denunciaron. Espera y envía solo mensajes que los clientes esperan.',
    retry: 'later',
  },
  131049: {
    en: 'WhatsApp chose not to deliver this message to keep customers from getting too many. Wait at least a day before trying again.',
    es: 'WhatsApp decidió no entregar este mensaje para que los clientes no reciban demasiados. Espera al menos un día antes de volver a intentarlo.',
    retry: 'later',
  },
  131050: {
    en: 'This customer stopped marketing messages from your business. Do not send them promotions.',
    es: 'Este cliente dejó de recibir mensajes de marketing de tu empresa. No le envíes promociones.',
    retry: 'no',
  },
  131051: {
    en: 'WhatsApp does not support this kind of message.',
    es: 'WhatsApp no admite este tipo de mensaje.',
    retry: 'no',
  },
  131052: {
    en: 'WhatsApp could not download the file the customer sent (it may be larger than 100 MB). Ask them to send it again.',
    es: 'WhatsApp no pudo descargar el archivo que envió el cliente (puede superar los 100 MB). Pídele que lo envíe de nuevo.',
    retry: 'no',
  },
  131053: {
    en: 'WhatsApp could not use the attached file: its type, format or size is not accepted. Attach a different file.',
    es: 'WhatsApp no pudo usar el archivo adjunto: su tipo, formato o tamaño no se admite. Adjunta otro archivo.',
    retry: 'no',
  },
  131055: {
    en: 'This way of sending accepts marketing templates only.',
    es: 'Esta forma de envío solo admite plantillas de marketing.',
    retry: 'no',
  },
  131056: {
    en: `Too many messages to this customer in a short time. ${AUTO_EN}`,
    es: `Demasiados mensajes a este cliente en poco tiempo. ${AUTO_ES}`,
    retry: 'yes',
  },
  131057: {
    en: `This number is in maintenance for a moment (for example a speed upgrade). ${AUTO_EN}`,
    es: `Este número está en mantenimiento por un momento (por ejemplo, una mejora de velocidad). ${AUTO_ES}`,
    retry: 'yes',
  },
  131060: {
    en: 'WhatsApp could not give Charla this message. Ask the customer to send it again.',
    es: 'WhatsApp no pudo entregarle este mensaje a Charla. Pide al cliente que lo envíe de nuevo.',
    retry: 'no',
  },
  131062: {
    en: "This kind of message cannot be sent to a customer known only by username. Use the customer's phone number.",
    es: 'Este tipo de mensaje no se puede enviar a un cliente identificado solo por nombre de usuario. Usa el número de teléfono del cliente.',
    retry: 'no',
  },
  131063: {
    en: 'Marketing templates are turned off for this account in WhatsApp Manager.',
    es: 'Las plantillas de marketing están desactivadas para esta cuenta en WhatsApp Manager.',
    retry: 'no',
  },
  131064: {
    en: 'WhatsApp temporarily limited templates because some were in the wrong category. Review your templates, then try again later.',
    es: 'WhatsApp limitó temporalmente las plantillas porque algunas estaban en la categoría equivocada. Revisa tus plantillas y vuelve a intentarlo más tarde.',
    retry: 'later',
  },
  132000: {
    en: `The number of values does not match the template's placeholders. ${TEMPLATE_EN}`,
    es: `La cantidad de valores no coincide con los campos de la plantilla. ${TEMPLATE_ES}`,
    retry: 'no',
  },
  132001: {
    en: 'This template does not exist in this language or is not approved yet.',
    es: 'Esta plantilla no existe en este idioma o todavía no está aprobada.',
    retry: 'no',
  },
  132005: {
    en: 'The template is too long once its values are filled in. Use shorter values.',
    es: 'La plantilla queda demasiado larga con sus valores. Usa valores más cortos.',
    retry: 'no',
  },
  132007: {
    en: "The template's content breaks WhatsApp's policy. Edit the template.",
    es: 'El contenido de la plantilla incumple la política de WhatsApp. Edita la plantilla.',
    retry: 'no',
  },
  132008: {
    en: `A template value is not valid. ${TEMPLATE_EN}`,
    es: `Un valor de la plantilla no es válido. ${TEMPLATE_ES}`,
    retry: 'no',
  },
  132012: {
    en: 'A template value has the wrong format (for example text where an image is expected).',
    es: 'Un valor de la plantilla tiene el formato equivocado (por ejemplo, texto donde se espera una imagen).',
    retry: 'no',
  },
  132015: {
    en: 'WhatsApp paused this template because of low quality. Wait until it is active again or use another template.',
    es: 'WhatsApp pausó esta plantilla por baja calidad. Espera a que vuelva a estar activa o usa otra plantilla.',
    retry: 'later',
  },
  132016: {
    en: 'WhatsApp disabled this template for good after too many pauses. Create a new one.',
    es: 'WhatsApp desactivó esta plantilla definitivamente tras demasiadas pausas. Crea una nueva.',
    retry: 'no',
  },
  132018: {
    en: `A template value has a problem. ${TEMPLATE_EN}`,
    es: `Un valor de la plantilla tiene un problema. ${TEMPLATE_ES}`,
    retry: 'no',
  },
  132068: {
    en: 'This WhatsApp Flow is blocked. Fix it in WhatsApp Manager.',
    es: 'Este Flow de WhatsApp está bloqueado. Corrígelo en WhatsApp Manager.',
    retry: 'no',
  },
  132069: {
    en: 'This WhatsApp Flow was sent too often in the last hour. Try again later.',
    es: 'Este Flow de WhatsApp se envió demasiadas veces en la última hora. Inténtalo más tarde.',
    retry: 'later',
  },
  133000: {
    en: `Removing this number from WhatsApp did not finish. ${REGISTRATION_EN}`,
    es: `La baja de este número en WhatsApp no terminó. ${REGISTRATION_ES}`,
    retry: 'no',
  },
  133001: {
    en: `WhatsApp could not read the backup of this number. ${REGISTRATION_EN}`,
    es: `WhatsApp no pudo leer la copia de seguridad de este número. ${REGISTRATION_ES}`,
    retry: 'no',
  },
  133002: {
    en: `The backup file of this number is not valid. ${REGISTRATION_EN}`,
    es: `El archivo de copia de seguridad de este número no es válido. ${REGISTRATION_ES}`,
    retry: 'no',
  },
  133003: {
    en: `The recovery token of this number is not valid. ${REGISTRATION_EN}`,
    es: `El token de recuperación de este número no es válido. ${REGISTRATION_ES}`,
    retry: 'no',
  },
  133004: {
    en: `WhatsApp's registration service is temporarily down. ${AUTO_EN}`,
    es: `El servicio de registro de WhatsApp no está disponible por un momento. ${AUTO_ES}`,
    retry: 'yes',
  },
  133005: {
    en: 'The two-step verification PIN is wrong. Enter the PIN set for this number.',
    es: 'El PIN de verificación en dos pasos es incorrecto. Introduce el PIN de este número.',
    retry: 'no',
  },
  133006: {
    en: 'WhatsApp needs to verify this phone number again before it can be registered.',
    es: 'WhatsApp necesita verificar de nuevo este número antes de registrarlo.',
    retry: 'no',
  },
  133008: {
    en: 'Too many wrong PIN attempts. Wait the time WhatsApp gives, then try again.',
    es: 'Demasiados intentos de PIN incorrectos. Espera el tiempo que indica WhatsApp y vuelve a intentarlo.',
    retry: 'later',
  },
  133009: {
    en: 'PIN attempts were too fast. Wait a moment, then try again.',
    es: 'Los intentos de PIN fueron demasiado rápidos. Espera un momento y vuelve a intentarlo.',
    retry: 'later',
  },
  133010: {
    en: `This number is not registered with WhatsApp yet. ${REGISTRATION_EN}`,
    es: `Este número todavía no está registrado en WhatsApp. ${REGISTRATION_ES}`,
    retry: 'no',
  },
  133015: {
    en: 'This number was deleted recently. Wait 5 minutes before registering it again.',
    es: 'Este número se eliminó hace poco. Espera 5 minutos antes de volver a registrarlo.',
    retry: 'later',
  },
  133016: {
    en: 'Too many registration attempts for this number. Wait before trying again.',
    es: 'Demasiados intentos de registro para este número. Espera antes de volver a intentarlo.',
    retry: 'later',
  },
  134011: {
    en: 'The WhatsApp Payments terms have not been accepted for this account.',
    es: 'No se aceptaron las condiciones de WhatsApp Payments para esta cuenta.',
    retry: 'no',
  },
  134100: {
    en: 'Only marketing templates can be sent this way.',
    es: 'Por esta vía solo se pueden enviar plantillas de marketing.',
    retry: 'later',
  },
  134101: {
    en: 'This template is still being set up for marketing messages (up to 10 minutes). Try again shortly.',
    es: 'Esta plantilla todavía se está preparando para mensajes de marketing (hasta 10 minutos). Inténtalo en breve.',
    retry: 'later',
  },
  134102: {
    en: 'This template is not available for marketing messages right now. Try again later.',
    es: 'Esta plantilla no está disponible para mensajes de marketing por ahora. Inténtalo más tarde.',
    retry: 'later',
  },
  135000: {
    en: 'WhatsApp refused something in the request. Check the message and send it again.',
    es: 'WhatsApp rechazó algo de la solicitud. Revisa el mensaje y vuelve a enviarlo.',
    retry: 'no',
  },
  137000: {
    en: "The customer's WhatsApp identity changed (for example a new phone). Confirm it is still them before writing.",
    es: 'La identidad de WhatsApp del cliente cambió (por ejemplo, un teléfono nuevo). Confirma que sigue siendo esa persona antes de escribir.',
    retry: 'no',
  },
  2388019: {
    en: 'This account reached the maximum number of templates. Delete templates you no longer use.',
    es: 'Esta cuenta alcanzó el máximo de plantillas. Elimina las que ya no uses.',
    retry: 'no',
  },
  2388039: {
    en: 'This template cannot be changed right now (for example while it is in review). Try again later.',
    es: 'Esta plantilla no se puede cambiar ahora (por ejemplo, mientras está en revisión). Inténtalo más tarde.',
    retry: 'later',
  },
  2388040: {
    en: 'A template field is longer than WhatsApp allows. Shorten it.',
    es: 'Un campo de la plantilla supera el largo que permite WhatsApp. Acórtalo.',
    retry: 'no',
  },
  2388047: {
    en: "The template's header has the wrong format.",
    es: 'El encabezado de la plantilla tiene un formato incorrecto.',
    retry: 'no',
  },
  2388072: {
    en: "The template's body has the wrong format.",
    es: 'El cuerpo de la plantilla tiene un formato incorrecto.',
    retry: 'no',
  },
  2388073: {
    en: "The template's footer has the wrong format.",
    es: 'El pie de la plantilla tiene un formato incorrecto.',
    retry: 'no',
  },
  2388293: {
    en: 'The template has too many placeholders for its length. Add more text or use fewer placeholders.',
    es: 'La plantilla tiene demasiados campos para su longitud. Añade texto o usa menos campos.',
    retry: 'no',
  },
  2388299: {
    en: 'A template may not start or end with a placeholder. Add text before or after it.',
    es: 'Una plantilla no puede empezar ni terminar con un campo. Añade texto antes o después.',
    retry: 'no',
  },
  2494100: {
    en: `This account is in maintenance for a few minutes. ${AUTO_EN}`,
    es: `Esta cuenta está en mantenimiento unos minutos. ${AUTO_ES}`,
    retry: 'yes',
  },
};

/** The entry of a code; 201–299 share the permission entry of 200. */
export function findWhatsAppError(code: number | null | undefined): WhatsAppErrorText | null {
  if (code === null || code === undefined) return null;
  const entry = WHATSAPP_ERRORS[code];
  if (entry) return entry;
  if (code > 200 && code < 300) return WHATSAPP_ERRORS[200] ?? null;
  return null;
}

/** The sentence to show for a WhatsApp error code, with a fallback naming the code. */
export function describeWhatsAppError(
  code: number | null | undefined,
  locale: WhatsAppErrorLocale = 'en',
): string {
  const entry = findWhatsAppError(code);
  if (entry) return entry[locale];
  const known = code !== null && code !== undefined && code !== 0;
  if (locale === 'es') {
    return known
      ? `WhatsApp rechazó el mensaje (error ${code}).`
      : 'WhatsApp rechazó el mensaje por un motivo que no indicó.';
  }
  return known
    ? `WhatsApp refused the message (error ${code}).`
    : 'WhatsApp refused the message without saying why.';
}
