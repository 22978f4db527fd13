import { ExternalLink, MapPin } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { formatCoordinates, mapLink } from './map-link';
import { externalUrl } from './safe-url';

type LocationCardProps = {
  latitude: number;
  longitude: number;
  name: string | null;
  address: string | null;
  url: string | null;
};

/**
 * A shared place. No map tiles or images are fetched (nothing leaves Charla): a drawn pin
 * stands in for the map and the link opens OpenStreetMap in a new tab.
 */
export function LocationCard({ latitude, longitude, name, address, url }: LocationCardProps) {
  const { t } = useTranslation();
  const map = mapLink(latitude, longitude);
  const website = externalUrl(url);

  return (
    <div data-testid="location-card" className="w-72 max-w-full">
      <div
        aria-hidden
        className="flex h-28 items-center justify-center rounded-lg bg-[#e5eef0] bg-[linear-gradient(#d3e1e4_1px,transparent_1px),linear-gradient(90deg,#d3e1e4_1px,transparent_1px)] bg-[size:18px_18px] dark:bg-neutral-700 dark:bg-[linear-gradient(#525252_1px,transparent_1px),linear-gradient(90deg,#525252_1px,transparent_1px)]"
      >
        <MapPin className="size-9 fill-red-500 text-red-700 drop-shadow" />
      </div>
      <div className="px-1.5 pt-1.5">
        <p className="font-medium [overflow-wrap:anywhere]">{name ?? t('inbox.location.title')}</p>
        {address ? (
          <p className="text-sm text-neutral-600 [overflow-wrap:anywhere] dark:text-neutral-300">{address}</p>
        ) : null}
        <p className="mt-0.5 font-mono text-xs text-neutral-500 dark:text-neutral-400">
          {formatCoordinates(latitude, longitude)}
        </p>
        <div className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {map ? (
            <a
              href={map}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="open-map"
              className="inline-flex items-center gap-1 font-medium text-brand-700 hover:underline dark:text-brand-300"
            >
              <ExternalLink aria-hidden className="size-3.5" />
              {t('inbox.location.openMap')}
              <span className="sr-only">{t('common.opensInNewTab')}</span>
            </a>
          ) : null}
          {website ? (
            <a
              href={website}
              target="_blank"
              rel="noopener noreferrer nofollow"
              className="inline-flex items-center gap-1 text-brand-700 hover:underline dark:text-brand-300"
            >
              {t('inbox.location.website')}
              <span className="sr-only">{t('common.opensInNewTab')}</span>
            </a>
          ) : null}
        </div>
      </div>
    </div>
  );
}
