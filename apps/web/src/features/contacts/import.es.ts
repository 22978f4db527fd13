/** The contact import's mapping step and report (Spanish). `import.en.ts` has the same keys. */
export const contactImportEs = {
  unmappedHeading: 'Columnas sin asignar',
  unmappedHint:
    'Una columna que no va a ningún campo puede convertirse en un atributo nuevo del contacto. Se crea al empezar la importación y sus valores se comprueban según su tipo.',
  create: 'Crear atributo «{{column}}»',
  cancelCreate: 'No crear',
  newLabel: 'Nombre del atributo',
  newType: 'Tipo',
  newOptions: 'Opciones',
  newOptionsHint: 'Una por línea.',
  newKey: 'Clave: {{key}}',
  invalidNewAttribute: 'La columna «{{column}}» no puede ser un atributo nuevo: {{reason}}',
  column: 'Columna',
  problem: 'Problema',
  firstShown: 'Se muestran las primeras {{shown}} de {{count}} filas rechazadas.',
  downloadAll: 'Descargar todas las filas rechazadas (CSV)',
  csvHeader: { line: 'línea', column: 'columna', value: 'valor', problem: 'problema', detail: 'detalle' },
};
