import {
  checkFlow,
  type Flow,
  type FlowDefinition,
  FlowDefinitionSchema,
  type FlowProblem,
  type FlowRequest,
  FlowRequestSchema,
} from '@charla/contracts';
import { AppError, notFound } from '../../../platform/errors';
import { assertAdmin } from '../../auth';
import type { AutomationActor, AutomationDeps } from '../automation.deps';
import { fileMessageProblems } from '../engine/automation-files';
import { recordAutomationAudit } from '../record-automation-audit';

interface FlowRow {
  id: string;
  name: string;
  draft: unknown;
  published_version: number | null;
  published: unknown;
  active: number | string;
  created_at: Date;
  updated_at: Date;
}

const FLOW_SELECT = `SELECT f.id, f.name, f.draft, f.published_version, v.definition AS published, f.created_at, f.updated_at,
    (SELECT count(*) FROM bot_sessions s WHERE s.flow_id = f.id AND s.status = 'active') AS active
  FROM flows f LEFT JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.published_version`;

const toFlow = (r: FlowRow): Flow => {
  const draft = FlowDefinitionSchema.parse(r.draft);
  return {
    id: r.id,
    name: r.name,
    draft,
    publishedVersion: r.published_version,
    // Both through the schema: jsonb does not keep the order of keys.
    hasUnpublishedChanges:
      r.published === null ||
      JSON.stringify(FlowDefinitionSchema.parse(r.published)) !== JSON.stringify(draft),
    activeSessions: Number(r.active),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
};

/** What a new flow starts with: a start, a greeting, the end. */
export const starterFlow = (): FlowDefinition =>
  FlowDefinitionSchema.parse({
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 } },
      {
        id: 'hello',
        type: 'message',
        position: { x: 0, y: 140 },
        message: { type: 'text', text: '¡Hola {{contact.first_name}}!' },
      },
      { id: 'end', type: 'end', position: { x: 0, y: 300 } },
    ],
    edges: [
      { id: 'start-hello', source: 'start', target: 'hello' },
      { id: 'hello-end', source: 'hello', target: 'end' },
    ],
  });

export async function listFlows(deps: AutomationDeps, workspaceId: string): Promise<Flow[]> {
  const rows = await deps.db.query<FlowRow & Record<string, unknown>>(
    `${FLOW_SELECT} WHERE f.workspace_id = $1 ORDER BY lower(f.name), f.id`,
    [workspaceId],
  );
  return rows.map(toFlow);
}

export async function getFlow(deps: AutomationDeps, workspaceId: string, id: string): Promise<Flow> {
  const [row] = await deps.db.query<FlowRow & Record<string, unknown>>(
    `${FLOW_SELECT} WHERE f.workspace_id = $1 AND f.id = $2`,
    [workspaceId, id],
  );
  if (!row) throw notFound('flow');
  return toFlow(row);
}

export async function createFlow(
  deps: AutomationDeps,
  actor: AutomationActor,
  input: FlowRequest,
): Promise<Flow> {
  assertAdmin(actor.role, 'create bots');
  const body = FlowRequestSchema.parse(input);
  const [row] = await deps.db.query<{ id: string }>(
    'INSERT INTO flows (workspace_id, name, draft, created_by) VALUES ($1, $2, $3::jsonb, $4) RETURNING id',
    [actor.workspaceId, body.name, JSON.stringify(body.draft ?? starterFlow()), actor.userId],
  );
  await recordAutomationAudit(deps, actor, {
    action: 'bot.created',
    targetType: 'flow',
    targetId: row!.id,
    targetLabel: body.name,
  });
  return getFlow(deps, actor.workspaceId, row!.id);
}

/** Saves the draft (running sessions and new ones keep the published version until the next publish). */
export async function saveFlowDraft(
  deps: AutomationDeps,
  actor: AutomationActor,
  id: string,
  input: FlowRequest,
): Promise<Flow> {
  assertAdmin(actor.role, 'change bots');
  const body = FlowRequestSchema.parse(input);
  const rows = await deps.db.query(
    `UPDATE flows SET name = $3, draft = COALESCE($4::jsonb, draft), updated_at = now()
      WHERE workspace_id = $1 AND id = $2 RETURNING id`,
    [actor.workspaceId, id, body.name, body.draft ? JSON.stringify(body.draft) : null],
  );
  if (rows.length === 0) throw notFound('flow');
  return getFlow(deps, actor.workspaceId, id);
}

const PROBLEM_MESSAGES: Record<FlowProblem['code'], (detail?: string) => string> = {
  no_start: () => 'The flow has no start node.',
  several_starts: () => 'A flow has one start node: remove this one.',
  unreachable: () => 'Nothing leads to this node: connect it or remove it.',
  missing_branch: (d) => `The output ${d} leads nowhere: connect it to the next step.`,
  broken_edge: (d) => `The connection ${d} joins a node that no longer exists.`,
  unknown_variable: (d) =>
    `Unknown variable {{${d}}}: save it in an earlier question or choice, or use a contact field.`,
  outside_window: () =>
    'This message could be sent more than 24 hours after the customer last wrote, which WhatsApp refuses: shorten the waits before it or ask the customer something first.',
  unknown_flow: () => 'That flow does not exist in this workspace, or it was never published.',
  invalid_body: () =>
    'The body is not JSON: write it like {"order": "{{order}}"}, with each {{variable}} inside quotes.',
};

/**
 * Publishes the draft as the next version, after the checks (packages/contracts flow-checks)
 * and the workspace's own: members and teams a handoff names, flows a goto names, sequences a
 * step enrols in (`unknown_sequence`). New sessions start on it; running ones finish on theirs.
 * Answers 422 `flow_invalid` listing each problem with its node.
 */
export async function publishFlow(deps: AutomationDeps, actor: AutomationActor, id: string): Promise<Flow> {
  assertAdmin(actor.role, 'publish bots');
  const published = await deps.db.transaction(async (query) => {
    const [flow] = await query<{ name: string; draft: unknown; published_version: number | null }>(
      'SELECT name, draft, published_version FROM flows WHERE workspace_id = $1 AND id = $2 FOR UPDATE',
      [actor.workspaceId, id],
    );
    if (!flow) throw notFound('flow');
    const draft = FlowDefinitionSchema.parse(flow.draft);
    const [known] = await query<{
      attributes: string[];
      flows: string[];
      members: string[];
      teams: string[];
      sequences: string[];
    }>(
      `SELECT ARRAY(SELECT key FROM contact_attribute_definitions WHERE workspace_id = $1) AS attributes,
              ARRAY(SELECT id::text FROM flows WHERE workspace_id = $1 AND published_version IS NOT NULL AND id <> $2) AS flows,
              ARRAY(SELECT user_id::text FROM workspace_members WHERE workspace_id = $1 AND deactivated_at IS NULL) AS members,
              ARRAY(SELECT id::text FROM teams WHERE workspace_id = $1) AS teams,
              ARRAY(SELECT id::text FROM sequences WHERE workspace_id = $1) AS sequences`,
      [actor.workspaceId, id],
    );
    const problems = checkFlow(draft, {
      attributeKeys: known?.attributes ?? [],
      flowIds: known?.flows ?? [],
    });
    for (const node of draft.nodes) {
      if (node.type === 'set' && node.target === 'sequence' && !(known?.sequences ?? []).includes(node.key))
        problems.push({ nodeId: node.id, code: 'unknown_flow', detail: 'sequence' });
      if (node.type !== 'handoff') continue;
      if (node.userId && !(known?.members ?? []).includes(node.userId))
        problems.push({ nodeId: node.id, code: 'unknown_flow', detail: 'member' });
      if (node.teamId && !(known?.teams ?? []).includes(node.teamId))
        problems.push({ nodeId: node.id, code: 'unknown_flow', detail: 'team' });
    }
    // Its numbers are the conversations': a file is checked as the workspace's, sent on its own number only.
    const fileProblems = await fileMessageProblems(
      query,
      actor.workspaceId,
      draft.nodes.map((n) => ({
        message: n.type === 'message' ? n.message : null,
        path: `nodes.${n.id}.message`,
      })),
      null,
    );
    const count = problems.length + fileProblems.length;
    if (count > 0)
      throw new AppError(
        'unprocessable',
        'flow_invalid',
        `The flow cannot be published yet: ${count} problem${count === 1 ? '' : 's'} to fix.`,
        [
          ...fileProblems.map((p) => ({ ...p, code: 'file_invalid' })),
          ...problems.map((p) => ({
            path: p.nodeId ? `nodes.${p.nodeId}` : 'flow',
            code: p.code === 'unknown_flow' && p.detail ? `unknown_${p.detail}` : p.code,
            ...(p.detail && p.code !== 'unknown_flow' ? { detail: p.detail } : {}),
            message:
              p.code === 'unknown_flow' && p.detail
                ? `That ${p.detail} is not in this workspace any more: choose another.`
                : PROBLEM_MESSAGES[p.code](p.detail),
          })),
        ],
      );
    const version = (flow.published_version ?? 0) + 1;
    await query(
      `INSERT INTO flow_versions (flow_id, version, workspace_id, definition, published_by) VALUES ($1, $2, $3, $4::jsonb, $5)`,
      [id, version, actor.workspaceId, JSON.stringify(draft), actor.userId],
    );
    await query('UPDATE flows SET published_version = $2, updated_at = now() WHERE id = $1', [id, version]);
    return { name: flow.name, version };
  });
  await recordAutomationAudit(deps, actor, {
    action: 'bot.published',
    targetType: 'flow',
    targetId: id,
    targetLabel: published.name,
    details: { version: published.version },
  });
  return getFlow(deps, actor.workspaceId, id);
}

/** Deletes a flow; its running sessions end with it. */
export async function deleteFlow(deps: AutomationDeps, actor: AutomationActor, id: string): Promise<void> {
  assertAdmin(actor.role, 'delete bots');
  const [row] = await deps.db.query<{ name: string }>(
    'DELETE FROM flows WHERE workspace_id = $1 AND id = $2 RETURNING name',
    [actor.workspaceId, id],
  );
  if (!row) throw notFound('flow');
  await recordAutomationAudit(deps, actor, {
    action: 'bot.deleted',
    targetType: 'flow',
    targetId: id,
    targetLabel: row.name,
  });
}
