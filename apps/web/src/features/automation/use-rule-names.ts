import { useTranslation } from 'react-i18next';
import { useLabels } from '../inbox/labels/labels.api';
import { useMembers } from '../settings/settings.api';
import { useTeams } from '../settings/teams.api';
import { useFlows } from './flows.api';
import type { Names } from './rule-summary';
import { useSequences } from './sequences.api';

/** Names of the members, teams and labels a rule mentions, for its sentences and the editor. */
export function useRuleNames() {
  const { t } = useTranslation();
  const members = useMembers();
  const teams = useTeams();
  const labels = useLabels();
  const flows = useFlows();
  const sequences = useSequences();
  const unknown = t('rules.summary.unknown');
  const names: Names = {
    member: (id) => members.data?.find((m) => m.userId === id)?.name ?? unknown,
    team: (id) => teams.data?.find((team) => team.id === id)?.name ?? unknown,
    label: (id) => labels.data?.find((l) => l.id === id)?.name ?? unknown,
    flow: (id) => flows.data?.find((f) => f.id === id)?.name ?? unknown,
    sequence: (id) => sequences.data?.find((s) => s.id === id)?.name ?? unknown,
  };
  return {
    names,
    members: members.data ?? [],
    teams: teams.data ?? [],
    labels: labels.data ?? [],
    flows: flows.data ?? [],
    sequences: sequences.data ?? [],
  };
}
