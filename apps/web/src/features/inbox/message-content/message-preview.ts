const icons: Record<string, string> = {
  image: '📷',
  sticker: '📷',
  video: '🎥',
  document: '📄',
  audio: '🎤',
  location: '📍',
  contacts: '👤',
  order: '🛒',
};

/** The emoji a chat list puts before a message's preview, by message type (none for text). */
export function previewIcon(type: string): string | null {
  return icons[type] ?? null;
}

export const previewLabels = [
  'image',
  'sticker',
  'video',
  'document',
  'audio',
  'voice',
  'location',
  'contacts',
  'order',
  'unsupported',
  'welcome',
] as const;
export type PreviewLabel = (typeof previewLabels)[number];

/** Types with a word to show when the message has no text of its own ("Photo", "Location"). */
export function previewLabel(type: string): PreviewLabel | null {
  return (previewLabels as readonly string[]).includes(type) ? (type as PreviewLabel) : null;
}

// Icons the server may already have put at the start of the preview text.
const leadingIcon = /^(📷|🎥|📄|🎤|🎵|💟|📍|👤|🛒|⚠️|💬)\s*/u;

export type ListPreview = { icon: string | null; text: string | null; label: PreviewLabel | null };

/**
 * The chat-list line for a last message: one icon by type, then its text. A preview that
 * already starts with an icon keeps that one (🎵 for an audio file, 🎤 for a voice note) rather
 * than showing two; with no words left, the type's name stands in ("Photo").
 */
export function listPreview(type: string, text: string | null): ListPreview {
  const match = text ? leadingIcon.exec(text) : null;
  const icon = match?.[1] ?? previewIcon(type);
  const rest = (match ? text?.slice(match[0].length) : text)?.trim() || null;
  const label = rest ? null : previewLabel(type === 'audio' && match?.[1] === '🎤' ? 'voice' : type);
  return { icon, text: rest, label };
}
