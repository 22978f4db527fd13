import type { CsatComment, CsatFigures, CsatReport, CsatRow, ReportQuery } from '@charla/contracts';
import type { Query } from '../../platform/db/database';
import { reportNames } from './report-names';
import { PERIOD_END, PERIOD_START, reportPeriod } from './report-period';
import type { ReportsActor, ReportsDeps } from './reports.deps';

const MAX_COMMENTS = 200;

interface FigureRow {
  agent: string | null;
  team: string | null;
  /** 1: by agent, 2: by team, 3: the whole. */
  g: number;
  sent: number;
  answered: number;
  total: string | null;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
  comments: number;
}

const none = (): CsatFigures => ({
  sent: 0,
  answered: 0,
  responseRate: null,
  average: null,
  satisfiedRate: null,
  scores: [0, 0, 0, 0, 0],
  comments: 0,
});

/**
 * Satisfaction over a period beside the one before: the surveys asked in it (csat_surveys), per
 * agent, per team and in all, with the period's comments. Read live: a survey is one row per
 * resolution, few enough to count on demand. An agent gets only their own.
 */
export async function getCsatReport(
  deps: ReportsDeps,
  actor: ReportsActor,
  query: ReportQuery,
): Promise<CsatReport> {
  const period = reportPeriod(query);
  const agentId = actor.role === 'agent' ? actor.userId : (query.agentId ?? null);
  const filters = [query.channelId ?? null, query.teamId ?? null, agentId];
  const q = deps.db.query;
  const [current, previous, comments, names] = await Promise.all([
    figuresOf(q, [actor.workspaceId, period.from, period.to, period.tz, ...filters]),
    figuresOf(q, [actor.workspaceId, period.previousFrom, period.previousTo, period.tz, ...filters]),
    commentsOf(q, [actor.workspaceId, period.from, period.to, period.tz, ...filters]),
    reportNames(q, actor.workspaceId),
  ]);
  const memberName = new Map(names.members.map((m) => [m.id, m.name]));
  const teamName = new Map(names.teams.map((t) => [t.id, t.name]));
  const rows = (kind: 'agent' | 'team', nameOf: Map<string, string>): CsatRow[] => {
    const ids = new Set(
      [...current.keys(), ...previous.keys()]
        .filter((k) => k.startsWith(`${kind}:`))
        .map((k) => k.slice(kind.length + 1)),
    );
    return [...ids]
      .map((id) => ({
        id,
        name: nameOf.get(id) ?? '',
        figures: current.get(`${kind}:${id}`) ?? none(),
        previous: previous.get(`${kind}:${id}`) ?? none(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  };
  return {
    period: { from: period.from, to: period.to },
    previousPeriod: { from: period.previousFrom, to: period.previousTo },
    totals: current.get('all') ?? none(),
    previousTotals: previous.get('all') ?? none(),
    agents: rows('agent', memberName).filter((r) => !agentId || r.id === agentId),
    // Teams are everyone's figures: an agent sees only their own row.
    teams: actor.role === 'agent' ? [] : rows('team', teamName),
    comments: comments.map((c) => ({
      ...c,
      agentName: c.agentId ? (memberName.get(c.agentId) ?? '') : null,
    })),
  };
}

/** $1 workspace, $2-$4 the period, $5 number, $6 team, $7 agent. */
const SCOPE = `s.workspace_id = $1 AND s.sent_at >= ${PERIOD_START} AND s.sent_at < ${PERIOD_END}
  AND ($5::uuid IS NULL OR s.channel_id = $5) AND ($6::uuid IS NULL OR s.team_id = $6)
  AND ($7::uuid IS NULL OR s.agent_user_id = $7)`;

async function figuresOf(q: Query, params: unknown[]): Promise<Map<string, CsatFigures>> {
  const rows = await q<FigureRow & Record<string, unknown>>(
    `SELECT s.agent_user_id AS agent, s.team_id AS team, GROUPING(s.agent_user_id, s.team_id) AS g,
            count(*)::int AS sent, count(s.score)::int AS answered, sum(s.score) AS total,
            count(*) FILTER (WHERE s.score = 1)::int AS s1, count(*) FILTER (WHERE s.score = 2)::int AS s2,
            count(*) FILTER (WHERE s.score = 3)::int AS s3, count(*) FILTER (WHERE s.score = 4)::int AS s4,
            count(*) FILTER (WHERE s.score = 5)::int AS s5,
            count(*) FILTER (WHERE s.score IS NOT NULL AND s.comment IS NOT NULL)::int AS comments
       FROM csat_surveys s
      WHERE ${SCOPE}
      GROUP BY GROUPING SETS ((s.agent_user_id), (s.team_id), ())`,
    params,
  );
  const out = new Map<string, CsatFigures>();
  for (const r of rows) {
    const key =
      r.g === 1
        ? r.agent
          ? `agent:${r.agent}`
          : null
        : r.g === 2
          ? r.team
            ? `team:${r.team}`
            : null
          : 'all';
    if (!key) continue;
    const total = Number(r.total ?? 0);
    out.set(key, {
      sent: r.sent,
      answered: r.answered,
      responseRate: r.sent > 0 ? r.answered / r.sent : null,
      average: r.answered > 0 ? Math.round((total / r.answered) * 100) / 100 : null,
      satisfiedRate: r.answered > 0 ? (r.s4 + r.s5) / r.answered : null,
      scores: [r.s1, r.s2, r.s3, r.s4, r.s5],
      comments: r.comments,
    });
  }
  return out;
}

async function commentsOf(q: Query, params: unknown[]): Promise<Omit<CsatComment, 'agentName'>[]> {
  const rows = await q<{
    id: string;
    conversation_id: string;
    score: number;
    comment: string;
    contact_name: string | null;
    agent_user_id: string | null;
    team_id: string | null;
    commented_at: Date;
  }>(
    `SELECT s.id, s.conversation_id, s.score, s.comment, COALESCE(ct.name, ct.profile_name, ct.phone) AS contact_name,
            s.agent_user_id, s.team_id, s.commented_at
       FROM csat_surveys s JOIN contacts ct ON ct.id = s.contact_id
      WHERE ${SCOPE} AND s.score IS NOT NULL AND s.comment IS NOT NULL
      ORDER BY s.commented_at DESC, s.id
      LIMIT ${MAX_COMMENTS}`,
    params,
  );
  return rows.map((r) => ({
    surveyId: r.id,
    conversationId: r.conversation_id,
    score: r.score,
    comment: r.comment,
    contactName: r.contact_name ?? '',
    agentId: r.agent_user_id,
    teamId: r.team_id,
    commentedAt: new Date(r.commented_at).toISOString(),
  }));
}
