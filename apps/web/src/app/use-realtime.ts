import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState } from 'react';
import { queryKeys } from '../lib/query-keys';
import {
  applyRealtimeEvent,
  connectRealtime,
  type RealtimeStatus,
  realtimeUrl,
  refreshOnSubscribed,
} from '../lib/realtime';

/** Opens the realtime socket for as long as the signed-in shell is mounted. */
export function useRealtimeConnection(): RealtimeStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RealtimeStatus>('connecting');
  useEffect(
    () =>
      connectRealtime({
        url: realtimeUrl(window.location),
        onEvent: (event) => applyRealtimeEvent(queryClient, event),
        onStatus: setStatus,
        onSubscribed: () => refreshOnSubscribed(queryClient),
        // Re-checking who is signed in sends a signed-out browser to the login page at once.
        onSessionEnded: () => void queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      }),
    [queryClient],
  );
  return status;
}

export const RealtimeStatusContext = createContext<RealtimeStatus>('connecting');

export function useRealtimeStatus(): RealtimeStatus {
  return useContext(RealtimeStatusContext);
}
