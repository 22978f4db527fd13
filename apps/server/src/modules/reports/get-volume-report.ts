import type { ReportQuery, VolumeReport, VolumeTotals } from '@charla/contracts';
import type { Query } from '../../platform/db/database';
import { reportsRefreshedAt } from './refresh-reports';
import { PERIOD_END, PERIOD_START, type ReportPeriod, reportPeriod } from './report-period';
import { assertReportsManager, type ReportsActor, type ReportsDeps } from './reports.deps';

/**
 * Volume over a period: messages and conversations per day, customers' messages by hour of the
 * week, each number's share, new and returning contacts and those who came from an ad. The
 * workspace's figures, for owners and admins. Messages are not split by team (message_hourly has
 * no team), conversations are.
 */
export async function getVolumeReport(
  deps: ReportsDeps,
  actor: ReportsActor,
  query: ReportQuery,
): Promise<VolumeReport> {
  assertReportsManager(actor, 'see the workspace’s volume');
  const period = reportPeriod(query);
  const q = deps.db.query;
  const ws = actor.workspaceId;
  const [days, cycleDays, heat, numbers, totals, previousTotals, refreshedAt] = await Promise.all([
    q<{ d: string; inbound: number; outbound: number }>(
      `SELECT to_char(d, 'YYYY-MM-DD') AS d, inbound, outbound FROM (
         SELECT (hour AT TIME ZONE $4::text)::date AS d,
                sum(count) FILTER (WHERE direction = 'inbound')::int AS inbound,
                sum(count) FILTER (WHERE direction = 'outbound')::int AS outbound
           FROM message_hourly
          WHERE workspace_id = $1 AND hour >= ${PERIOD_START} AND hour < ${PERIOD_END}
            AND ($5::uuid IS NULL OR channel_id = $5)
          GROUP BY 1) per_day`,
      [ws, period.from, period.to, period.tz, query.channelId ?? null],
    ),
    // Grouped by the day's date, named after: the date's text worked out 90 times, not per cycle.
    q<{ d: string; conversations: number; new_contacts: number }>(
      `SELECT to_char(d, 'YYYY-MM-DD') AS d, conversations, new_contacts FROM (
         SELECT (started_at AT TIME ZONE $4::text)::date AS d, count(*)::int AS conversations,
                count(*) FILTER (WHERE contact_first)::int AS new_contacts
           FROM conversation_cycles
          WHERE workspace_id = $1 AND started_at >= ${PERIOD_START} AND started_at < ${PERIOD_END}
            AND ($5::uuid IS NULL OR channel_id = $5) AND ($6::uuid IS NULL OR team_id = $6)
          GROUP BY 1) per_day`,
      [ws, period.from, period.to, period.tz, query.channelId ?? null, query.teamId ?? null],
    ),
    q<{ dow: number; h: number; n: number }>(
      `SELECT extract(isodow FROM hour AT TIME ZONE $4::text)::int - 1 AS dow,
              extract(hour FROM hour AT TIME ZONE $4::text)::int AS h, sum(count)::int AS n
         FROM message_hourly
        WHERE workspace_id = $1 AND direction = 'inbound' AND hour >= ${PERIOD_START} AND hour < ${PERIOD_END}
          AND ($5::uuid IS NULL OR channel_id = $5)
        GROUP BY 1, 2`,
      [ws, period.from, period.to, period.tz, query.channelId ?? null],
    ),
    q<{ channel_id: string; name: string; inbound: number; outbound: number }>(
      `SELECT ch.id AS channel_id, ch.name || ' · ' || ch.display_phone_number AS name,
              coalesce(sum(m.count) FILTER (WHERE m.direction = 'inbound'), 0)::int AS inbound,
              coalesce(sum(m.count) FILTER (WHERE m.direction = 'outbound'), 0)::int AS outbound
         FROM channels ch
         LEFT JOIN message_hourly m ON m.workspace_id = ch.workspace_id AND m.channel_id = ch.id
              AND m.hour >= ${PERIOD_START} AND m.hour < ${PERIOD_END}
        WHERE ch.workspace_id = $1 AND ($5::uuid IS NULL OR ch.id = $5)
        GROUP BY ch.id ORDER BY coalesce(sum(m.count), 0) DESC, 2`,
      [ws, period.from, period.to, period.tz, query.channelId ?? null],
    ),
    totalsOf(q, ws, period.from, period.to, period, query),
    totalsOf(q, ws, period.previousFrom, period.previousTo, period, query),
    reportsRefreshedAt(deps),
  ]);
  const byDay = new Map(days.map((d) => [d.d, d]));
  const cyclesByDay = new Map(cycleDays.map((d) => [d.d, d]));
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const h of heat) if (heatmap[h.dow]) heatmap[h.dow]![h.h] = h.n;
  return {
    period: { from: period.from, to: period.to },
    previousPeriod: { from: period.previousFrom, to: period.previousTo },
    days: datesOf(period).map((date) => ({
      date,
      inbound: byDay.get(date)?.inbound ?? 0,
      outbound: byDay.get(date)?.outbound ?? 0,
      conversations: cyclesByDay.get(date)?.conversations ?? 0,
      newContacts: cyclesByDay.get(date)?.new_contacts ?? 0,
    })),
    heatmap,
    byNumber: numbers.map((n) => ({
      channelId: n.channel_id,
      name: n.name,
      inbound: n.inbound,
      outbound: n.outbound,
    })),
    totals,
    previousTotals,
    refreshedAt: refreshedAt?.toISOString() ?? null,
  };
}

function datesOf(period: ReportPeriod): string[] {
  const first = Date.parse(`${period.from}T00:00:00Z`);
  return Array.from({ length: period.days }, (_, i) =>
    new Date(first + i * 86_400_000).toISOString().slice(0, 10),
  );
}

async function totalsOf(
  q: Query,
  ws: string,
  from: string,
  to: string,
  period: ReportPeriod,
  query: ReportQuery,
): Promise<VolumeTotals> {
  const [[messages], [cycles]] = await Promise.all([
    q<{ inbound: number; outbound: number; people: number; automated: number }>(
      `SELECT coalesce(sum(count) FILTER (WHERE direction = 'inbound'), 0)::int AS inbound,
              coalesce(sum(count) FILTER (WHERE direction = 'outbound'), 0)::int AS outbound,
              coalesce(sum(count) FILTER (WHERE sender_kind = 'person'), 0)::int AS people,
              coalesce(sum(count) FILTER (WHERE sender_kind = 'automation'), 0)::int AS automated
         FROM message_hourly
        WHERE workspace_id = $1 AND hour >= ${PERIOD_START} AND hour < ${PERIOD_END}
          AND ($5::uuid IS NULL OR channel_id = $5)`,
      [ws, from, to, period.tz, query.channelId ?? null],
    ),
    // One row per contact of the period (hashed, not sorted): new if any of their cycles was
    // their first conversation, returning otherwise.
    q<{ conversations: number; new_contacts: number; returning: number; from_ads: number }>(
      `SELECT coalesce(sum(n), 0)::int AS conversations, count(*) FILTER (WHERE first)::int AS new_contacts,
              count(*) FILTER (WHERE NOT first)::int AS returning, coalesce(sum(ads), 0)::int AS from_ads
         FROM (SELECT contact_id, count(*) AS n, bool_or(contact_first) AS first,
                      count(*) FILTER (WHERE from_ad) AS ads
                 FROM conversation_cycles
                WHERE workspace_id = $1 AND started_at >= ${PERIOD_START} AND started_at < ${PERIOD_END}
                  AND ($5::uuid IS NULL OR channel_id = $5) AND ($6::uuid IS NULL OR team_id = $6)
                GROUP BY contact_id) per_contact`,
      [ws, from, to, period.tz, query.channelId ?? null, query.teamId ?? null],
    ),
  ]);
  return {
    inbound: messages?.inbound ?? 0,
    outbound: messages?.outbound ?? 0,
    outboundByPeople: messages?.people ?? 0,
    outboundAutomated: messages?.automated ?? 0,
    conversations: cycles?.conversations ?? 0,
    newContacts: cycles?.new_contacts ?? 0,
    returningContacts: cycles?.returning ?? 0,
    fromAds: cycles?.from_ads ?? 0,
  };
}
