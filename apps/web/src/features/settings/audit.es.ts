/** Settings › Registro de actividad (Spanish). `audit.en.ts` has the same keys. */
export const auditEs = {
  nav: 'Registro de actividad',
  title: 'Registro de actividad',
  subtitle:
    'Quién entró, quién cambió qué y desde dónde: accesos, miembros, invitaciones, números, ajustes y exportaciones. Solo lo ve la persona propietaria. Nunca guarda contraseñas ni tokens.',
  ownerOnly: 'Solo la persona propietaria del espacio puede ver el registro de actividad.',
  export: 'Exportar CSV',
  loadMore: 'Cargar más',
  empty: 'Nada registrado con estos filtros.',
  columns: { when: 'Cuándo', who: 'Quién', what: 'Qué', address: 'Dirección' },
  filters: {
    action: 'Acción',
    anyAction: 'Todas las acciones',
    member: 'Miembro',
    anyMember: 'Todos los miembros',
    from: 'Desde',
    to: 'Hasta',
    clear: 'Quitar filtros',
  },
  someone: 'Alguien',
  charla: 'Charla',
  aContact: 'un contacto',
  roles: { owner: 'propietario', admin: 'administrador', agent: 'agente' },
  actions: {
    auth: {
      login: 'Inicios de sesión',
      login_failed: 'Inicios de sesión fallidos',
      logout: 'Cierres de sesión',
      password_changed: 'Contraseñas cambiadas',
      password_reset_link_created: 'Enlaces para restablecer contraseña',
      password_reset: 'Contraseñas restablecidas',
      session_ended: 'Sesiones cerradas',
    },
    member: {
      joined: 'Miembros nuevos',
      role_changed: 'Cambios de rol',
      deactivated: 'Miembros desactivados',
      reactivated: 'Miembros reactivados',
      removed: 'Miembros eliminados',
      ownership_transferred: 'Propiedad transferida',
    },
    invitation: {
      created: 'Invitaciones',
      revoked: 'Invitaciones revocadas',
      link_renewed: 'Enlaces de invitación renovados',
    },
    channel: {
      connected: 'Números conectados',
      disconnected: 'Números desconectados',
    },
    settings: {
      changed: 'Ajustes cambiados',
    },
    audit: {
      exported: 'Registro exportado',
    },
    contacts: {
      exported: 'Contactos exportados',
    },
    contact: {
      exported: 'Datos de un contacto exportados',
      erased: 'Contactos eliminados definitivamente',
    },
  },
  sentence: {
    auth: {
      login: '{{actor}} inició sesión',
      login_failed: 'Intento fallido de iniciar sesión como {{target}}',
      logout: '{{actor}} cerró sesión',
      password_changed: '{{actor}} cambió su contraseña',
      password_reset_link_created: '{{actor}} creó un enlace para restablecer la contraseña de {{target}}',
      password_reset: '{{target}} restableció su contraseña',
      session_ended: '{{actor}} cerró una sesión de {{target}}',
    },
    member: {
      joined: '{{target}} se unió al espacio como {{role}}',
      role_changed: '{{actor}} cambió el rol de {{target}} de {{from}} a {{to}}',
      deactivated: '{{actor}} desactivó a {{target}}',
      reactivated: '{{actor}} reactivó a {{target}}',
      removed: '{{actor}} eliminó a {{target}} del espacio',
      ownership_transferred: '{{actor}} transfirió la propiedad del espacio a {{target}}',
    },
    invitation: {
      created: '{{actor}} invitó a {{target}} como {{role}}',
      revoked: '{{actor}} revocó la invitación de {{target}}',
      link_renewed: '{{actor}} generó un enlace de invitación nuevo para {{target}}',
    },
    channel: {
      connected: '{{actor}} conectó el número {{target}}',
      disconnected: '{{actor}} desconectó el número {{target}}',
    },
    settings: {
      changed: '{{actor}} cambió {{fields}}',
    },
    audit: {
      exported: '{{actor}} exportó el registro de actividad',
    },
    contacts: {
      exported: '{{actor}} exportó los contactos ({{count}})',
    },
    contact: {
      exported: '{{actor}} exportó todos los datos de {{target}}',
      erased: '{{actor}} eliminó definitivamente {{target}} ({{messages}} mensajes, {{files}} archivos)',
    },
    unknown: '{{actor}}: {{action}}',
  },
  fields: {
    conversationVisibility: 'quién ve las conversaciones',
    autoAssign: 'la asignación automática',
    autoAssignTeamId: 'el equipo de asignación automática',
    autoAssignCap: 'el límite de conversaciones por agente',
    optOutKeywords: 'las palabras de baja',
    optInKeywords: 'las palabras de alta',
    optOutAutoReply: 'la respuesta a las bajas',
    timezone: 'la zona horaria',
    ratePerSecond: 'el ritmo de envío de difusiones',
  },
  change: '{{field}}: {{from}} → {{to}}',
  visibility: { all: 'todas para todos', assigned: 'cada agente las suyas' },
  none: 'nada',
  yes: 'sí',
  no: 'no',
};
