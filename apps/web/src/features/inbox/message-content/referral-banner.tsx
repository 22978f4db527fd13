import { ExternalLink, Megaphone } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Referral } from './content-types';
import { externalUrl } from './safe-url';

/** The customer wrote from a click-to-WhatsApp ad: which one, with a link to it. */
export function ReferralBanner({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const source = externalUrl(referral.sourceUrl);
  // Meta's image/video of the ad: a link only, never loaded here (the CSP allows no remote images).
  const video = externalUrl(referral.videoUrl ?? null);
  const image =
    externalUrl(referral.imageUrl ?? null) ?? (video ? null : externalUrl(referral.thumbnailUrl ?? null));
  const adMedia = video
    ? { href: video, label: t('messageChanges.adVideo') }
    : image
      ? { href: image, label: t('messageChanges.adImage') }
      : null;
  return (
    <div
      data-testid="referral-banner"
      className="mb-1 flex items-start gap-2 rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-900 dark:bg-amber-950/50 dark:text-amber-200"
    >
      <Megaphone aria-hidden className="mt-0.5 size-3.5 shrink-0" />
      <div className="min-w-0">
        <p className="font-medium [overflow-wrap:anywhere]">
          {referral.headline
            ? t('inbox.message.fromAd', { headline: referral.headline })
            : t('inbox.message.fromAdUntitled')}
        </p>
        {referral.body ? <p className="line-clamp-2 [overflow-wrap:anywhere]">{referral.body}</p> : null}
        {source ? (
          <a
            href={source}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="inline-flex items-center gap-1 font-medium underline-offset-2 hover:underline"
          >
            <ExternalLink aria-hidden className="size-3" />
            {t('inbox.message.viewAd')}
            <span className="sr-only">{t('common.opensInNewTab')}</span>
          </a>
        ) : null}
        {adMedia ? (
          <a
            href={adMedia.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            data-testid="referral-media"
            className="ms-3 inline-flex items-center gap-1 font-medium underline-offset-2 hover:underline"
          >
            <ExternalLink aria-hidden className="size-3" />
            {adMedia.label}
            <span className="sr-only">{t('common.opensInNewTab')}</span>
          </a>
        ) : null}
      </div>
    </div>
  );
}
