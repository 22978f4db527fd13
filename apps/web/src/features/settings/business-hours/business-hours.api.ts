import type { BusinessCalendar, BusinessHours } from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api';

export const businessHoursKey = ['business-hours'] as const;

export function useBusinessHours() {
  return useQuery({
    queryKey: businessHoursKey,
    queryFn: ({ signal }) => api.get<BusinessHours>('/api/business-hours', signal),
  });
}

const pathOf = (teamId: string | null) =>
  teamId ? `/api/teams/${encodeURIComponent(teamId)}/business-hours` : '/api/business-hours';

/** Saves the workspace's hours (`teamId` null) or a team's own; `calendar` null: the team keeps the workspace's. */
export function useSaveBusinessHours() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ teamId, calendar }: { teamId: string | null; calendar: BusinessCalendar | null }) =>
      calendar
        ? apiRequest<BusinessHours>(pathOf(teamId), { method: 'PUT', body: calendar })
        : apiRequest<BusinessHours>(pathOf(teamId), { method: 'DELETE' }),
    onSuccess: (data) => queryClient.setQueryData(businessHoursKey, data),
  });
}
