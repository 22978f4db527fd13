import { describe, expect, it } from 'vitest';
import { en } from '../../../i18n/en';
import { es } from '../../../i18n/es';
import { previewLabels } from './message-preview';
import { translatedUnsupportedKinds } from './unsupported-kinds';

const replyKinds = ['button_reply', 'list_reply', 'template_button', 'flow'];

// Keys built at runtime (`inbox.preview.${label}`) escape i18n.test.ts: check them here.
describe('message type translations', () => {
  it.each([
    ['es', es],
    ['en', en],
  ] as const)('%s names every preview label, reply kind and unsupported kind', (_, language) => {
    const missing = [
      ...previewLabels.filter((key) => !(key in language.inbox.preview)).map((key) => `preview.${key}`),
      ...replyKinds.filter((key) => !(key in language.inbox.reply)).map((key) => `reply.${key}`),
      ...translatedUnsupportedKinds
        .filter((key) => !(key in language.inbox.unsupported))
        .map((key) => `unsupported.${key}`),
    ];
    expect(missing).toEqual([]);
  });
});
