import type { PresentMember } from './presence-names';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** One line for who is there: typists first ("Ana is typing…"), then viewers. */
export function describePresence(present: PresentMember[], t: Translate): string {
  const typing = present.filter((m) => m.typing);
  if (typing.length === 1) return t('presence.typingOne', { name: typing[0]!.name });
  if (typing.length > 1) return t('presence.typingMany', { name: typing[0]!.name, count: typing.length - 1 });
  if (present.length === 1) return t('presence.viewingOne', { name: present[0]!.name });
  return t('presence.viewingMany', { name: present[0]!.name, count: present.length - 1 });
}
