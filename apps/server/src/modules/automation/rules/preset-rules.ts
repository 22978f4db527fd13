import type { RuleInput, RulePreset } from '@charla/contracts';

/**
 * The ready-made rules every workspace gets, off until the owner turns them on, in the owner's
 * language. They show what rules can do; each is an ordinary rule once there.
 */
export function presetRules(locale: string): (RuleInput & { preset: RulePreset })[] {
  const es = !locale.startsWith('en');
  return [
    {
      preset: 'welcome',
      name: es ? 'Bienvenida' : 'Welcome',
      trigger: { type: 'message_received', firstOnly: true },
      conditions: [],
      actions: [
        {
          type: 'send_message',
          message: {
            type: 'text',
            text: es
              ? '¡Hola {{contact.first_name}}! Gracias por escribir a {{workspace.name}}. En un momento te atendemos.'
              : 'Hi {{contact.first_name}}! Thanks for writing to {{workspace.name}}. We will be with you shortly.',
          },
        },
      ],
    },
    {
      preset: 'out_of_office',
      name: es ? 'Fuera de horario' : 'Out of office',
      trigger: { type: 'message_received', firstOnly: false },
      conditions: [{ type: 'business_hours', open: false, teamId: null }],
      actions: [
        {
          type: 'send_message',
          message: {
            type: 'text',
            text: es
              ? 'Gracias por tu mensaje. Ahora estamos fuera de horario; te responderemos en cuanto abramos.'
              : 'Thanks for your message. We are closed right now; we will answer as soon as we open.',
          },
        },
      ],
      // Once a night is enough: not after every message the customer sends.
      cooldownMinutes: 12 * 60,
    },
    {
      preset: 'no_reply',
      name: es ? 'Enseguida te atendemos' : "We'll be right with you",
      trigger: { type: 'no_reply', minutes: 5, businessTime: true },
      conditions: [],
      actions: [
        {
          type: 'send_message',
          message: {
            type: 'text',
            text: es
              ? 'Gracias por esperar, {{contact.first_name}}. Enseguida te atiende alguien del equipo.'
              : 'Thanks for waiting, {{contact.first_name}}. Someone from the team will be with you shortly.',
          },
        },
      ],
      cooldownMinutes: 60,
    },
  ];
}
