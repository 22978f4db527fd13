import type { MessageContent, RuleAction, RuleMessage } from '@charla/contracts';
import { fillVariables } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import { contactEvents } from '../../contacts';
import {
  type AutomatedBy,
  type InboxChange,
  type NewConversationEvent,
  pickRoundRobinMember,
  requeueIfUnassigned,
  settleQueueWaits,
} from '../../inbox';
import { enrollFromRule } from '../sequences/enroll-from-rule';
import { type AutomationFiles, fileContent } from './automation-files';

/** The conversation an action works on, as locked by the engine (kept current as actions change it). */
export interface ActionTarget {
  workspaceId: string;
  conversationId: string;
  contactId: string;
  status: string;
  assigneeUserId: string | null;
  teamId: string | null;
}

/** What the actions of one run wrote, for the engine to record and announce after commit. */
export interface ActionLog {
  events: NewConversationEvent[];
  changes: InboxChange[];
  /** Conversations a rule resolved: after commit, their customers may be asked for a rating. */
  resolved?: { workspaceId: string; conversationId: string }[];
}

type StateAction = Exclude<RuleAction, { type: 'send_message' } | { type: 'stop' } | { type: 'start_flow' }>;

/**
 * Applies one action that changes state (not a send: the engine batches those), inside the
 * engine's transaction, and logs the history line it makes. Doing what is already so changes
 * nothing and logs nothing.
 */
export async function applyStateAction(
  query: Query,
  action: StateAction,
  target: ActionTarget,
  ctx: { by: AutomatedBy; at: Date; variables: Record<string, string>; log: ActionLog },
): Promise<void> {
  const base = {
    workspaceId: target.workspaceId,
    conversationId: target.conversationId,
    actorUserId: null,
    note: null,
    at: ctx.at,
    automatedBy: ctx.by,
  };
  const say = (to: string, note: string | null = null, from: string | null = null) =>
    ctx.log.events.push({ ...base, kind: 'automation', from, to, note });
  const updated = (formerly?: InboxChange['formerlyAssigned']) =>
    ctx.log.changes.push({
      kind: 'conversation.updated',
      workspaceId: target.workspaceId,
      conversationId: target.conversationId,
      ...(formerly ? { formerlyAssigned: formerly } : {}),
    });
  switch (action.type) {
    case 'assign': {
      const pick = await assigneeFor(query, action, target);
      if (pick.skipped) {
        say('skipped', pick.skipped);
        return;
      }
      const formerly = { userId: target.assigneeUserId, teamId: target.teamId };
      if (pick.teamId !== undefined && pick.teamId !== target.teamId) {
        ctx.log.events.push({ ...base, kind: 'team', from: target.teamId, to: pick.teamId });
        target.teamId = pick.teamId;
      }
      if (pick.userId !== undefined && pick.userId !== target.assigneeUserId) {
        ctx.log.events.push({ ...base, kind: 'assignee', from: target.assigneeUserId, to: pick.userId });
        target.assigneeUserId = pick.userId;
      }
      if (formerly.userId === target.assigneeUserId && formerly.teamId === target.teamId) return;
      await query('UPDATE conversations SET assignee_user_id = $2, team_id = $3 WHERE id = $1', [
        target.conversationId,
        target.assigneeUserId,
        target.teamId,
      ]);
      if (action.to === 'round_robin' && target.assigneeUserId)
        await query(
          'UPDATE workspace_members SET last_auto_assigned_at = $3 WHERE workspace_id = $1 AND user_id = $2',
          [target.workspaceId, target.assigneeUserId, ctx.at],
        );
      if (!formerly.userId && target.assigneeUserId)
        await settleQueueWaits(query, {
          workspaceId: target.workspaceId,
          conversationIds: [target.conversationId],
          by: 'rule',
          at: ctx.at,
        });
      updated(formerly);
      return;
    }
    case 'label': {
      const [label] = await query<{ name: string }>(
        'SELECT name FROM labels WHERE workspace_id = $1 AND id = $2',
        [target.workspaceId, action.labelId],
      );
      if (!label) {
        say('skipped', 'label_missing');
        return;
      }
      const rows = action.add
        ? await query(
            `INSERT INTO conversation_labels (conversation_id, label_id, workspace_id) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING RETURNING label_id`,
            [target.conversationId, action.labelId, target.workspaceId],
          )
        : await query(
            'DELETE FROM conversation_labels WHERE conversation_id = $1 AND label_id = $2 RETURNING label_id',
            [target.conversationId, action.labelId],
          );
      if (rows.length === 0) return;
      ctx.log.events.push({
        ...base,
        kind: 'label',
        from: action.add ? null : label.name,
        to: action.add ? label.name : null,
      });
      updated();
      return;
    }
    case 'tag': {
      const rows = await query(
        action.add
          ? `UPDATE contacts SET tags = array_append(tags, $3), updated_at = $4
              WHERE workspace_id = $1 AND id = $2 AND NOT (lower($3) = ANY (SELECT lower(t) FROM unnest(tags) t)) RETURNING id`
          : `UPDATE contacts SET tags = ARRAY(SELECT t FROM unnest(tags) t WHERE lower(t) <> lower($3)), updated_at = $4
              WHERE workspace_id = $1 AND id = $2 AND lower($3) = ANY (SELECT lower(t) FROM unnest(tags) t) RETURNING id`,
        [target.workspaceId, target.contactId, action.tag, ctx.at],
      );
      if (rows.length > 0) {
        say(action.add ? 'tagged' : 'untagged', action.tag);
        await contactEvents.emit(query, [
          { ...contactOf(target), kind: 'updated', fields: ['tags'], source: 'automation', at: ctx.at },
        ]);
      }
      return;
    }
    case 'set_attribute': {
      const value = fillVariables(action.value, ctx.variables);
      const rows = await query(
        `UPDATE contacts SET attributes = jsonb_set(attributes, ARRAY[$3::text], to_jsonb($4::text)), updated_at = $5
          WHERE workspace_id = $1 AND id = $2 AND attributes->>$3 IS DISTINCT FROM $4 RETURNING id`,
        [target.workspaceId, target.contactId, action.key, value, ctx.at],
      );
      if (rows.length > 0) {
        say('attribute', `${action.key} = ${value}`);
        await contactEvents.emit(query, [
          { ...contactOf(target), kind: 'updated', fields: ['attributes'], source: 'automation', at: ctx.at },
        ]);
      }
      return;
    }
    case 'status': {
      if (action.status === target.status && action.status !== 'snoozed') return;
      const until =
        action.status === 'snoozed'
          ? new Date(ctx.at.getTime() + (action.snoozeMinutes ?? 60) * 60_000)
          : null;
      await query('UPDATE conversations SET status = $2, snoozed_until = $3 WHERE id = $1', [
        target.conversationId,
        action.status,
        until,
      ]);
      // Reopened with nobody on it: it waits in the queue from now; resolved or snoozed: it does not.
      await requeueIfUnassigned(query, {
        workspaceId: target.workspaceId,
        conversationId: target.conversationId,
        at: ctx.at,
        restart: target.status === 'resolved' || target.status === 'snoozed',
      });
      ctx.log.events.push({ ...base, kind: 'status', from: target.status, to: action.status });
      if (action.status === 'resolved')
        ctx.log.resolved = [
          ...(ctx.log.resolved ?? []),
          { workspaceId: target.workspaceId, conversationId: target.conversationId },
        ];
      target.status = action.status;
      updated();
      return;
    }
    case 'note': {
      const body = fillVariables(action.text, ctx.variables);
      await query(
        `INSERT INTO conversation_notes (workspace_id, conversation_id, author_user_id, body, mentioned_user_ids, automated_by, created_at)
         VALUES ($1, $2, NULL, $3, '{}'::uuid[], $5::jsonb, $4)`,
        [target.workspaceId, target.conversationId, body, ctx.at, JSON.stringify(ctx.by)],
      );
      say('note');
      updated();
      return;
    }
    case 'enroll_sequence': {
      const by = ctx.by.kind === 'flow' ? 'flow' : 'rule';
      const done = await enrollFromRule(query, action.sequenceId, target, ctx.at, by);
      say(done.to, done.note);
      return;
    }
  }
}

type Pick =
  | { skipped: string; userId?: undefined; teamId?: undefined }
  | { skipped?: undefined; userId?: string | null; teamId?: string | null };

/** Who an assign action gives the conversation to; a reason when there is nobody right. */
async function assigneeFor(
  query: Query,
  action: Extract<RuleAction, { type: 'assign' }>,
  target: ActionTarget,
): Promise<Pick> {
  const isMember = async (userId: string) =>
    (
      await query(
        'SELECT 1 FROM workspace_members WHERE workspace_id = $1 AND user_id = $2 AND deactivated_at IS NULL',
        [target.workspaceId, userId],
      )
    ).length > 0;
  switch (action.to) {
    case 'agent':
      if (!action.userId || !(await isMember(action.userId))) return { skipped: 'member_missing' };
      return { userId: action.userId };
    case 'team': {
      if (!action.teamId) return { skipped: 'team_missing' };
      const [team] = await query('SELECT 1 FROM teams WHERE workspace_id = $1 AND id = $2', [
        target.workspaceId,
        action.teamId,
      ]);
      return team ? { teamId: action.teamId } : { skipped: 'team_missing' };
    }
    case 'last_assignee': {
      const [last] = await query<{ user_id: string }>(
        `SELECT e.to_value AS user_id FROM conversation_events e
           JOIN conversations c ON c.id = e.conversation_id
          WHERE e.workspace_id = $1 AND c.contact_id = $2 AND e.kind = 'assignee' AND e.to_value IS NOT NULL
          ORDER BY e.occurred_at DESC, e.seq DESC LIMIT 1`,
        [target.workspaceId, target.contactId],
      );
      if (!last || !(await isMember(last.user_id))) return { skipped: 'no_previous_assignee' };
      return { userId: last.user_id };
    }
    case 'round_robin': {
      // The same round robin as automatic assignment (inbox routing), within the team if named.
      const userId = await pickRoundRobinMember(query, {
        workspaceId: target.workspaceId,
        teamId: action.teamId ?? null,
      });
      if (!userId) return { skipped: 'nobody_online' };
      return { userId, ...(action.teamId ? { teamId: action.teamId } : {}) };
    }
  }
}

/**
 * The neutral content a rule's message becomes, its text filled with the conversation's values; a
 * file from the batch's `files` (loaded beforehand: this stays synchronous), or why it is skipped.
 */
export function ruleMessageContent(
  message: RuleMessage,
  variables: Record<string, string>,
  files: { files: AutomationFiles; channelId: string },
): MessageContent | { skip: string } {
  const fill = (text: string) => fillVariables(text, variables);
  switch (message.type) {
    case 'text':
      return { type: 'text', body: fill(message.text) };
    case 'interactive':
      return {
        type: 'interactive',
        interactive: {
          ...message.interactive,
          body: fill(message.interactive.body),
          header: message.interactive.header ? fill(message.interactive.header) : message.interactive.header,
          footer: message.interactive.footer ? fill(message.interactive.footer) : message.interactive.footer,
        },
      };
    case 'location':
      return {
        type: 'location',
        latitude: message.latitude,
        longitude: message.longitude,
        name: message.name,
        address: message.address,
        url: null,
      };
    case 'media':
      return fileContent(message, variables, files.files, files.channelId);
  }
}

const contactOf = (target: { workspaceId: string; contactId: string }) => ({
  workspaceId: target.workspaceId,
  contactId: target.contactId,
});
