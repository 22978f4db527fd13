import { Eye } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../../ui/avatar';
import { describePresence } from './describe-presence';
import { usePresentMembers } from './presence-names';

/** "Ana is viewing" / "Ana is typing…" with their avatars, under the thread's title. */
export function PresenceBar({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const present = usePresentMembers(conversationId);
  if (present.length === 0) return null;
  return (
    <div
      className="flex w-full items-center gap-2 text-xs text-neutral-600 dark:text-neutral-300"
      data-testid="presence-bar"
      aria-live="polite"
    >
      <div className="flex -space-x-1.5">
        {present.slice(0, 4).map((m) => (
          <span key={m.userId} className="relative" title={m.name}>
            <Avatar
              label={m.name}
              seed={m.userId}
              className="size-6! text-[10px]! ring-2 ring-white dark:ring-neutral-900"
            />
            {m.typing ? (
              <span className="absolute -right-0.5 -bottom-0.5 size-2.5 animate-pulse rounded-full bg-brand-500 ring-2 ring-white dark:ring-neutral-900" />
            ) : null}
          </span>
        ))}
      </div>
      <span data-testid="presence-text">{describePresence(present, (k, o) => t(k, o ?? {}) as string)}</span>
    </div>
  );
}

/** A small eye (someone has it open) or dots (someone types) for a conversation list item. */
export function PresenceMarker({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const present = usePresentMembers(conversationId);
  if (present.length === 0) return null;
  const text = describePresence(present, (k, o) => t(k, o ?? {}) as string);
  const isTyping = present.some((m) => m.typing);
  return (
    <span
      className="inline-flex items-center text-brand-600 dark:text-brand-400"
      title={text}
      data-testid="presence-marker"
      data-state={isTyping ? 'typing' : 'viewing'}
    >
      {isTyping ? (
        <span aria-hidden className="flex gap-0.5">
          {[0, 1, 2].map((i) => (
            <span
              key={i}
              className="size-1 animate-bounce rounded-full bg-current"
              style={{ animationDelay: `${i * 120}ms` }}
            />
          ))}
        </span>
      ) : (
        <Eye aria-hidden className="size-3.5" />
      )}
      <span className="sr-only">{text}</span>
    </span>
  );
}

/** Above the composer: another agent is writing here, so this one may want to wait. */
export function TypingWarning({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const typing = usePresentMembers(conversationId).filter((m) => m.typing);
  if (typing.length === 0) return null;
  return (
    <p
      className="mx-3 mb-1 rounded-md bg-amber-50 px-3 py-1.5 text-xs text-amber-800 dark:bg-amber-950 dark:text-amber-200"
      data-testid="typing-warning"
      role="status"
    >
      {t('presence.composerWarning', { name: typing[0]!.name })}
    </p>
  );
}
