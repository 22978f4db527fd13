/** The sandbox's "close the 24-hour window now" (Spanish). */
export const sandboxWindowEs = {
  close: 'Cerrar ventana ya',
  explainer:
    'Solo en números de prueba: hace como si hubieran pasado 24 horas desde el último mensaje del cliente, aquí y en el teléfono simulado, para ver qué pasa entonces (solo plantillas aprobadas). Se vuelve a abrir cuando el cliente escribe.',
};
