import type { MessageContent as Content } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { AudioPlayer } from './audio-player';
import { ContactCards } from './contact-card';
import { InteractiveCard } from './interactive-card';
import { LocationCard } from './location-card';
import { MediaDocument } from './media-document';
import { MediaImage } from './media-image';
import { MediaVideo } from './media-video';
import { MessageText } from './message-text';
import { OrderCard } from './order-card';
import { ReplyBubble } from './reply-bubble';
import { TemplateMessage } from './template-message';
import { UnsupportedNote } from './unsupported-note';
import { VoiceNote } from './voice-note';

/** The inside of a bubble, by content type. Every customer string is rendered as text. */
export function MessageContent({ content }: { content: Content }) {
  const { t } = useTranslation();
  switch (content.type) {
    case 'text':
      return content.body ? (
        <MessageText text={content.body} />
      ) : (
        <p className="text-neutral-500 italic">{t('inbox.message.empty')}</p>
      );
    case 'image':
    case 'sticker':
      return (
        <MediaImage media={content.media} caption={content.caption} isSticker={content.type === 'sticker'} />
      );
    case 'video':
      return <MediaVideo media={content.media} caption={content.caption} isAnimated={content.animated} />;
    case 'document':
      return <MediaDocument media={content.media} caption={content.caption} />;
    case 'audio':
      return content.voice ? (
        <VoiceNote media={content.media} />
      ) : (
        <AudioPlayer media={content.media} caption={content.caption} />
      );
    case 'location':
      return <LocationCard {...content} />;
    case 'contacts':
      return <ContactCards contacts={content.contacts} />;
    case 'interactive':
      return <InteractiveCard interactive={content.interactive} />;
    case 'reply':
      return <ReplyBubble content={content} />;
    case 'order':
      return <OrderCard content={content} />;
    case 'unsupported':
      return <UnsupportedNote kind={content.kind} reason={content.reason} />;
    case 'system':
      return <MessageText text={content.body} />;
    case 'welcome':
      return <MessageText text={t('inbox.message.welcome')} />;
    case 'template':
      return <TemplateMessage template={content.template} />;
    case 'call':
    case 'revoke':
    case 'edit':
      // Drawn as notices by the bubble (system-notice.tsx); nothing to put inside a bubble.
      return null;
  }
}
