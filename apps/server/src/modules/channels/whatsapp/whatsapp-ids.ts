/** A WhatsApp id: the phone number in international form, digits only (E.164 without `+`). */
export const isWhatsAppId = (id: string) => /^[1-9][0-9]{6,14}$/.test(id);

/** A business-scoped user id (BSUID): `<ISO country>.<up to 128 alphanumerics>`, parent ids `<CC>.ENT.<…>`. */
export const isBusinessScopedUserId = (id: string) => /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/.test(id);
