import { randomBytes } from 'node:crypto';
import {
  type CreateIncomingTriggerRequest,
  type IncomingAction,
  type IncomingMapping,
  IncomingMappingSchema,
  type IncomingTrigger,
  type IncomingTriggerWithSecret,
  type TemplateDraft,
  type UpdateIncomingTriggerRequest,
} from '@charla/contracts';
import { templateVariables } from '@charla/contracts/template-rules';
import { sha256Hex } from '../../platform/crypto';
import { AppError, notFound } from '../../platform/errors';
import { type AuditEntry, auditActor, recordAudit } from '../audit';
import { findTemplateRow, toTemplate } from '../templates';
import type { IntegrationsActor, IntegrationsDeps } from './integrations.deps';

interface Row {
  id: string;
  name: string;
  token_sealed: string;
  channel_id: string;
  action: IncomingAction;
  mapping: IncomingMapping;
  enabled: boolean;
  last_received_at: Date | null;
  created_at: Date;
}
const COLUMNS = 'id, name, token_sealed, channel_id, action, mapping, enabled, last_received_at, created_at';

/** A line of the audit log for a change to a trigger: who, from where, which trigger. */
async function audit(
  deps: IntegrationsDeps,
  actor: IntegrationsActor,
  action: AuditEntry['action'],
  row: { id: string; name: string },
) {
  await recordAudit(deps.db.orm, {
    workspaceId: actor.workspaceId,
    ...(await auditActor(deps.db.orm, actor.userId)),
    ip: actor.ip,
    action,
    targetType: 'integration',
    targetId: row.id,
    targetLabel: row.name,
  });
}

export function assertManager(actor: IntegrationsActor): void {
  if (actor.role === 'agent') {
    throw new AppError(
      'forbidden',
      'forbidden',
      'Only the owner or an admin can manage integrations: they send messages on behalf of the business.',
    );
  }
}

const toTrigger = (deps: IntegrationsDeps, r: Row): IncomingTrigger => ({
  id: r.id,
  name: r.name,
  url: `${deps.publicUrl.replace(/\/+$/, '')}/webhooks/in/${deps.secrets.decrypt(r.token_sealed)}`,
  channelId: r.channel_id,
  action: r.action,
  mapping: IncomingMappingSchema.parse(r.mapping),
  enabled: r.enabled,
  lastReceivedAt: r.last_received_at ? new Date(r.last_received_at).toISOString() : null,
  createdAt: new Date(r.created_at).toISOString(),
});

/** The number, template, sequence or bot named must be this workspace's (and the template approved for the number's account). */
async function assertTargets(
  deps: IntegrationsDeps,
  workspaceId: string,
  input: {
    channelId?: string | undefined;
    action?: IncomingAction | undefined;
    mapping?: IncomingMapping | undefined;
  },
  current?: { channelId: string; action: IncomingAction; mapping: IncomingMapping },
) {
  const channelId = input.channelId ?? current?.channelId;
  const action = input.action ?? current?.action;
  const mapping = IncomingMappingSchema.parse(input.mapping ?? current?.mapping);
  const [channel] = await deps.db.query<{ waba_id: string }>(
    'SELECT waba_id FROM channels WHERE workspace_id = $1 AND id = $2',
    [workspaceId, channelId],
  );
  if (!channel)
    throw new AppError('unprocessable', 'channel_not_found', 'That number is not one of this workspace.', [
      { path: 'channelId', message: 'No such number' },
    ]);
  if (action?.kind === 'template') {
    const [template] = await deps.db.query<{ waba_id: string }>(
      'SELECT waba_id FROM templates WHERE workspace_id = $1 AND id = $2',
      [workspaceId, action.templateId],
    );
    if (!template || template.waba_id !== channel.waba_id) {
      throw new AppError(
        'unprocessable',
        'template_not_found',
        "That template is not one of the number's account.",
        [{ path: 'action.templateId', message: 'No such template for this number' }],
      );
    }
    assertMappable(toTemplate(await findTemplateRow(deps.db, workspaceId, action.templateId)), mapping);
  }
  if (action?.kind === 'flow') {
    const [flow] = await deps.db.query<{ published_version: number | null }>(
      'SELECT published_version FROM flows WHERE workspace_id = $1 AND id = $2',
      [workspaceId, action.flowId],
    );
    if (!flow) {
      throw new AppError('unprocessable', 'flow_not_found', 'That bot is not one of this workspace.', [
        { path: 'action.flowId', message: 'No such bot' },
      ]);
    }
    if (flow.published_version === null) {
      throw new AppError(
        'unprocessable',
        'flow_not_published',
        'That bot was never published; publish it in Automation › Bots first.',
        [{ path: 'action.flowId', message: 'Not published yet' }],
      );
    }
  }
  if (action?.kind === 'sequence') {
    const [sequence] = await deps.db.query('SELECT 1 FROM sequences WHERE workspace_id = $1 AND id = $2', [
      workspaceId,
      action.sequenceId,
    ]);
    if (!sequence) {
      throw new AppError(
        'unprocessable',
        'sequence_not_found',
        'That sequence is not one of this workspace.',
        [{ path: 'action.sequenceId', message: 'No such sequence' }],
      );
    }
  }
}

/**
 * A trigger fills a template from JSON text: a header file or location cannot come from a payload,
 * and a path for a variable the template lacks would fail every send.
 */
function assertMappable(
  template: TemplateDraft & { name: string },
  mapping: ReturnType<typeof IncomingMappingSchema.parse>,
) {
  const format = template.header?.format;
  if (format && format !== 'text') {
    throw new AppError(
      'unprocessable',
      'template_header_not_mappable',
      `The template ${template.name} has ${format === 'image' ? 'an image' : `a ${format}`} header, which a payload cannot supply; choose a template with a text header or none.`,
      [{ path: 'action.templateId', message: 'Header not fillable from a payload' }],
    );
  }
  const variables = templateVariables(template);
  const unknown = [
    ...Object.keys(mapping.values.body)
      .filter((v) => !variables.body.includes(v))
      .map((v) => `values.body.${v}`),
    ...Object.keys(mapping.values.buttons)
      .filter((i) => !(Number(i) in variables.buttons))
      .map((i) => `values.buttons.${i}`),
    ...(mapping.values.header && variables.header.length === 0 ? ['values.header'] : []),
  ];
  if (unknown.length > 0) {
    throw new AppError(
      'unprocessable',
      'template_values_unknown',
      `The template ${template.name} has no ${unknown.join(', ')}; map only its variables (${variables.body.map((v: string) => `{{${v}}}`).join(', ') || 'none in the body'}).`,
      unknown.map((path) => ({ path: `mapping.${path}`, message: 'Not a variable of this template' })),
    );
  }
}

export async function listTriggers(
  deps: IntegrationsDeps,
  actor: IntegrationsActor,
): Promise<IncomingTrigger[]> {
  assertManager(actor);
  const rows = await deps.db.query<Row & Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM incoming_triggers WHERE workspace_id = $1 ORDER BY created_at, id`,
    [actor.workspaceId],
  );
  return rows.map((r) => toTrigger(deps, r));
}

/** A new trigger with its own address and secret; the secret is shown in this answer only. */
export async function createTrigger(
  deps: IntegrationsDeps,
  actor: IntegrationsActor,
  input: CreateIncomingTriggerRequest,
): Promise<IncomingTriggerWithSecret> {
  assertManager(actor);
  await assertTargets(deps, actor.workspaceId, input);
  const token = randomBytes(24).toString('base64url');
  const secret = randomBytes(24).toString('base64url');
  const [row] = await deps.db.query<Row & Record<string, unknown>>(
    `INSERT INTO incoming_triggers (workspace_id, name, token_hash, token_sealed, secret_sealed, channel_id, action, mapping, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10) RETURNING ${COLUMNS}`,
    [
      actor.workspaceId,
      input.name,
      sha256Hex(token),
      deps.secrets.encrypt(token),
      deps.secrets.encrypt(secret),
      input.channelId,
      JSON.stringify(input.action),
      JSON.stringify(IncomingMappingSchema.parse(input.mapping)),
      actor.userId,
      deps.clock.now(),
    ],
  );
  await audit(deps, actor, 'integration.created', row!);
  return { ...toTrigger(deps, row!), secret };
}

export async function updateTrigger(
  deps: IntegrationsDeps,
  actor: IntegrationsActor,
  id: string,
  input: UpdateIncomingTriggerRequest,
): Promise<IncomingTrigger> {
  assertManager(actor);
  const [current] = await deps.db.query<Row & Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM incoming_triggers WHERE workspace_id = $1 AND id = $2`,
    [actor.workspaceId, id],
  );
  if (!current) throw notFound('trigger');
  await assertTargets(deps, actor.workspaceId, input, {
    channelId: current.channel_id,
    action: current.action,
    mapping: current.mapping,
  });
  const [row] = await deps.db.query<Row & Record<string, unknown>>(
    `UPDATE incoming_triggers SET name = COALESCE($3, name), channel_id = COALESCE($4, channel_id),
            action = COALESCE($5::jsonb, action), mapping = COALESCE($6::jsonb, mapping), enabled = COALESCE($7, enabled)
      WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [
      actor.workspaceId,
      id,
      input.name ?? null,
      input.channelId ?? null,
      input.action ? JSON.stringify(input.action) : null,
      input.mapping ? JSON.stringify(IncomingMappingSchema.parse(input.mapping)) : null,
      input.enabled ?? null,
    ],
  );
  await audit(deps, actor, 'integration.updated', row!);
  return toTrigger(deps, row!);
}

export async function deleteTrigger(
  deps: IntegrationsDeps,
  actor: IntegrationsActor,
  id: string,
): Promise<void> {
  assertManager(actor);
  const [row] = await deps.db.query<{ id: string; name: string }>(
    'DELETE FROM incoming_triggers WHERE workspace_id = $1 AND id = $2 RETURNING id, name',
    [actor.workspaceId, id],
  );
  if (!row) throw notFound('trigger');
  await audit(deps, actor, 'integration.deleted', row);
}

/** A new secret, shown once; the old one stops working at once (the sender must be updated). */
export async function rotateTriggerSecret(
  deps: IntegrationsDeps,
  actor: IntegrationsActor,
  id: string,
): Promise<IncomingTriggerWithSecret> {
  assertManager(actor);
  const secret = randomBytes(24).toString('base64url');
  const [row] = await deps.db.query<Row & Record<string, unknown>>(
    `UPDATE incoming_triggers SET secret_sealed = $3 WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [actor.workspaceId, id, deps.secrets.encrypt(secret)],
  );
  if (!row) throw notFound('trigger');
  await audit(deps, actor, 'integration.secret_rotated', row);
  return { ...toTrigger(deps, row), secret };
}
