import type { AutomationRule } from '@charla/contracts';

export const RULE_COLUMNS = `id, name, preset, enabled, position, channel_ids, trigger, conditions, actions, cooldown_minutes,
  fired_count, last_fired_at, created_at, updated_at`;

export interface RuleRow {
  id: string;
  name: string;
  preset: AutomationRule['preset'];
  enabled: boolean;
  position: number;
  channel_ids: string[] | null;
  trigger: AutomationRule['trigger'];
  conditions: AutomationRule['conditions'];
  actions: AutomationRule['actions'];
  cooldown_minutes: number;
  fired_count: number | string;
  last_fired_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export const toRule = (r: RuleRow): AutomationRule => ({
  id: r.id,
  name: r.name,
  preset: r.preset,
  enabled: r.enabled,
  position: r.position,
  channelIds: r.channel_ids ?? [],
  trigger: r.trigger,
  conditions: r.conditions,
  actions: r.actions,
  cooldownMinutes: r.cooldown_minutes,
  firedCount: Number(r.fired_count),
  lastFiredAt: r.last_fired_at ? iso(r.last_fired_at) : null,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});
