import { useSearchParams } from 'react-router';
import { useChannels } from '../settings/settings.api';
import { type Waba, wabasOf } from './templates.api';

/** The WhatsApp Business Account being looked at: `?waba=` when it is one of ours, else the first. */
export function useWaba(): {
  wabas: Waba[];
  waba: Waba | null;
  setWaba: (id: string) => void;
  isPending: boolean;
  error: unknown;
} {
  const channels = useChannels();
  const [params, setParams] = useSearchParams();
  const wabas = wabasOf(channels.data ?? []);
  const wanted = params.get('waba');
  const waba = wabas.find((w) => w.id === wanted) ?? wabas[0] ?? null;
  const setWaba = (id: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('waba', id);
        return next;
      },
      { replace: true },
    );
  return { wabas, waba, setWaba, isPending: channels.isPending, error: channels.error };
}
