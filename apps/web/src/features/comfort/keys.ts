/** What a key press on the inbox asks for; null when it is not a shortcut. */
export type ShortcutAction = 'next' | 'previous' | 'resolve' | 'assign' | 'search' | 'help';

type TargetLike = {
  tagName?: string;
  isContentEditable?: boolean;
  getAttribute?: (name: string) => string | null;
  closest?: (selector: string) => unknown;
} | null;

const textInputTypes = new Set([
  '',
  'text',
  'search',
  'email',
  'number',
  'password',
  'tel',
  'url',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);

/** True when typing into this element must not trigger shortcuts (inputs, textareas, selects, contenteditable). */
export function isEditableTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const element = target as NonNullable<TargetLike>;
  if (element.isContentEditable) return true;
  const tag = element.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (element.getAttribute?.('type') ?? '').toLowerCase();
    return textInputTypes.has(type);
  }
  const editable = element.getAttribute?.('contenteditable');
  if (editable !== null && editable !== undefined && editable !== 'false') return true;
  if (element.getAttribute?.('role') === 'textbox') return true;
  return false;
}

type KeyLike = {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey?: boolean;
  repeat?: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
  target: unknown;
};

/** Maps a keydown to a shortcut, ignoring keys typed into editable fields or with Ctrl/Cmd held. */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  if (event.defaultPrevented || event.isComposing) return null;
  if (isEditableTarget(event.target)) return null;
  if (event.ctrlKey || event.metaKey) return null;
  if (event.altKey) {
    if (event.key === 'ArrowDown') return 'next';
    if (event.key === 'ArrowUp') return 'previous';
    return null;
  }
  switch (event.key) {
    case 'j':
      return 'next';
    case 'k':
      return 'previous';
    case 'e':
      return event.repeat ? null : 'resolve';
    case 'a':
      return event.repeat ? null : 'assign';
    case '/':
      return 'search';
    case '?':
      return 'help';
    default:
      return null;
  }
}

/** The id to move to from `current` in a list of ids; stays within the list's ends. */
export function stepId(ids: readonly string[], current: string | undefined, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const index = current === undefined ? -1 : ids.indexOf(current);
  if (index === -1) return step === 1 ? (ids[0] ?? null) : (ids[ids.length - 1] ?? null);
  const next = Math.min(ids.length - 1, Math.max(0, index + step));
  return next === index ? null : (ids[next] ?? null);
}
