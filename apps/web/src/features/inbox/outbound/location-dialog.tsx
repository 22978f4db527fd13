import type { SendMessageRequest } from '@charla/contracts';
import { LocateFixed } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { Dialog, DialogContent } from '../../../ui/dialog';
import { Field } from '../../../ui/field';
import { Input } from '../../../ui/input';
import { parseCoordinate } from './location-input';

type LocationDialogProps = {
  onSend: (request: SendMessageRequest) => Promise<unknown>;
  onClose: () => void;
};

type GeoProblem = 'denied' | 'unavailable' | null;

/** A pin: coordinates typed or taken from this device, with an optional place name and address. */
export function LocationDialog({ onSend, onClose }: LocationDialogProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [latitude, setLatitude] = useState('');
  const [longitude, setLongitude] = useState('');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [isLocating, setIsLocating] = useState(false);
  const [geoProblem, setGeoProblem] = useState<GeoProblem>(null);
  const [isSending, setIsSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [isSubmitted, setIsSubmitted] = useState(false);

  const lat = parseCoordinate(latitude, 90);
  const lng = parseCoordinate(longitude, 180);
  const canGeolocate = typeof navigator !== 'undefined' && 'geolocation' in navigator;

  const useMyLocation = () => {
    setGeoProblem(null);
    setIsLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLatitude(position.coords.latitude.toFixed(6));
        setLongitude(position.coords.longitude.toFixed(6));
        setIsLocating(false);
      },
      (error) => {
        setGeoProblem(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable');
        setIsLocating(false);
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setIsSubmitted(true);
    if (lat === null || lng === null) return;
    setIsSending(true);
    setSendError(null);
    try {
      await onSend({
        type: 'location',
        latitude: lat,
        longitude: lng,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(address.trim() ? { address: address.trim() } : {}),
      });
      onClose();
    } catch (cause) {
      setSendError(errorMessage(cause));
    } finally {
      setIsSending(false);
    }
  };

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent title={t('inbox.location.sendTitle')} description={t('inbox.location.sendIntro')}>
        <form
          onSubmit={(event) => void onSubmit(event)}
          className="flex flex-col gap-4"
          data-testid="location-dialog"
          noValidate
        >
          {canGeolocate ? (
            <Button
              variant="secondary"
              onClick={useMyLocation}
              isLoading={isLocating}
              data-testid="location-mine"
            >
              {isLocating ? null : <LocateFixed aria-hidden className="size-4" />}
              {t('inbox.location.useMine')}
            </Button>
          ) : null}
          {geoProblem ? (
            <Alert tone="warning">
              {geoProblem === 'denied' ? t('inbox.location.denied') : t('inbox.location.unavailable')}
            </Alert>
          ) : null}
          <div className="grid grid-cols-2 gap-3">
            <Field
              id="location-latitude"
              label={t('inbox.location.latitude')}
              error={isSubmitted && lat === null ? t('inbox.location.latitudeInvalid') : null}
            >
              <Input
                id="location-latitude"
                name="latitude"
                inputMode="decimal"
                value={latitude}
                onChange={(event) => setLatitude(event.target.value)}
                placeholder="19.432608"
                aria-invalid={isSubmitted && lat === null}
              />
            </Field>
            <Field
              id="location-longitude"
              label={t('inbox.location.longitude')}
              error={isSubmitted && lng === null ? t('inbox.location.longitudeInvalid') : null}
            >
              <Input
                id="location-longitude"
                name="longitude"
                inputMode="decimal"
                value={longitude}
                onChange={(event) => setLongitude(event.target.value)}
                placeholder="-99.133208"
                aria-invalid={isSubmitted && lng === null}
              />
            </Field>
          </div>
          <Field id="location-name" label={t('inbox.location.name')}>
            <Input
              id="location-name"
              name="name"
              value={name}
              maxLength={1000}
              onChange={(event) => setName(event.target.value)}
            />
          </Field>
          <Field id="location-address" label={t('inbox.location.address')}>
            <Input
              id="location-address"
              name="address"
              value={address}
              maxLength={1000}
              onChange={(event) => setAddress(event.target.value)}
            />
          </Field>
          {sendError ? <Alert tone="error">{sendError}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" isLoading={isSending} data-testid="location-send">
              {t('inbox.composer.send')}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
