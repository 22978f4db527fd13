/** A contact's data rights in the contact panel (Spanish). `privacy.en.ts` has the same keys. */
export const privacyEs = {
  heading: 'Datos personales',
  hint: 'A petición del cliente (RGPD y leyes de protección de datos de Latinoamérica): entrégale una copia de todo lo que guardas sobre él o bórralo para siempre.',
  export: 'Exportar datos',
  erase: 'Eliminar definitivamente',
  eraseTitle: 'Eliminar a {{name}} definitivamente',
  eraseWarning:
    'Se borrarán sus conversaciones, todos sus mensajes y archivos, notas internas, etiquetas, atributos y su consentimiento. Las difusiones conservan sus cifras, pero sin su número. Lo que tenga pendiente de envío no saldrá. No se puede deshacer.',
  confirmLabel: 'Para confirmar, escribe su número {{phone}}',
  confirmLabelName: 'Para confirmar, escribe su nombre «{{name}}»',
  confirmButton: 'Eliminar para siempre',
  cancel: 'Cancelar',
  erased: 'Contacto eliminado: {{messages}} mensajes y {{files}} archivos borrados.',
};
