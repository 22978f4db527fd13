import type { connectRulesEs } from './connect-rules.es';

/** What WhatsApp's rules mean for a real number, shown before connecting it (English). */
export const connectRulesEn: typeof connectRulesEs = {
  title: 'Before you connect: what this means for the number',
  leavesApp:
    'The number leaves the WhatsApp Business app: once it is on the WhatsApp Business Platform you no longer use it from the app on your phone, unless Meta connects it through its coexistence onboarding (app and platform together).',
  oldChats:
    'Its old chats do not move to Charla: you will see only messages that arrive after it is connected. Keep the app’s backup if you need the history.',
  oneProvider:
    'It connects to one provider at a time: if another platform or provider uses it today, disconnect it there before connecting it here.',
};
