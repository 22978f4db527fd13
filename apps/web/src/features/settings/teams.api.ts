import type {
  Me,
  Team,
  TeamRequest,
  UpdateWorkspaceSettingsRequest,
  WorkspaceSettings,
} from '@charla/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../lib/api';
import { queryKeys } from '../../lib/query-keys';

export const teamsKey = ['teams'] as const;
export const workspaceSettingsKey = ['workspace-settings'] as const;

export function useTeams() {
  return useQuery({
    queryKey: teamsKey,
    queryFn: ({ signal }) => api.get<{ items: Team[] }>('/api/teams', signal),
    select: (data) => data.items,
  });
}

const teamPath = (id: string) => `/api/teams/${encodeURIComponent(id)}`;

export function useSaveTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: TeamRequest }) =>
      id ? apiRequest<Team>(teamPath(id), { method: 'PUT', body }) : api.post<Team>('/api/teams', body),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: teamsKey }),
  });
}

export function useDeleteTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(teamPath(id), { method: 'DELETE' }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: teamsKey }),
  });
}

export function useWorkspaceSettings() {
  return useQuery({
    queryKey: workspaceSettingsKey,
    queryFn: ({ signal }) => api.get<WorkspaceSettings>('/api/workspace/settings', signal),
  });
}

export function useUpdateWorkspaceSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateWorkspaceSettingsRequest) =>
      api.patch<WorkspaceSettings>('/api/workspace/settings', body),
    onSuccess: (settings) => {
      queryClient.setQueryData(workspaceSettingsKey, settings);
      // The session carries the workspace's time zone (schedules are read in it) and its
      // default country (phone fields read numbers without + in it).
      queryClient.setQueryData<Me>(queryKeys.me, (me) =>
        me
          ? {
              ...me,
              workspace: {
                ...me.workspace,
                timezone: settings.timezone,
                defaultCountry: settings.defaultCountry,
              },
            }
          : me,
      );
    },
  });
}
