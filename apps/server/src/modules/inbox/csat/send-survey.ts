import { randomUUID } from 'node:crypto';
import { OWNER_LOCALE_SQL } from '../customers/owner-locale';
import type { InboxDeps } from '../inbox.deps';
import { queueOutbound } from '../messages/queue-outbound';
import { sendTemplateMessage } from '../messages/send-template-message';
import { surveyLanguage, surveyList, surveySender } from './survey-texts';

const WINDOW_MS = 24 * 60 * 60 * 1000;
/** How long a survey waits for its rating. */
export const SURVEY_OPEN_MS = WINDOW_MS;

export type SurveyOutcome =
  | { sent: true; surveyId: string; via: 'list' | 'template' }
  | { sent: false; reason: 'off' | 'no_reply' | 'not_resolved' | 'number_disconnected' | 'no_template' };

/**
 * A member (or an API key) resolved a conversation: if the workspace asks for ratings and a person
 * answered the customer since the last survey, the customer is asked to rate it. Inside the
 * 24-hour window that is a list of five scores; after it, the workspace's template, or nothing.
 * Runs after the resolution is committed: resolving never waits on, or fails for, the survey.
 */
export async function askForRating(
  deps: InboxDeps,
  actor: { workspaceId: string; userId: string | null },
  conversationId: string,
): Promise<SurveyOutcome> {
  const now = deps.clock.now();
  const [c] = await deps.db.query<{
    enabled: boolean;
    template_id: string | null;
    channel_id: string;
    contact_id: string;
    assignee_user_id: string | null;
    team_id: string | null;
    status: string;
    last_inbound_at: Date | null;
    channel_status: string;
    locale: string | null;
    replied: boolean;
  }>(
    // A template belongs to one business account: a number of another account sends its own
    // approved template of the same name and language (the way Meta's tools copy templates across).
    `SELECT w.csat_enabled AS enabled,
            (SELECT same.id FROM templates chosen
               JOIN templates same ON same.workspace_id = chosen.workspace_id AND same.name = chosen.name
                                  AND same.language = chosen.language AND same.waba_id = ch.waba_id
                                  AND same.status = 'approved'
              WHERE chosen.id = w.csat_template_id
              LIMIT 1) AS template_id,
            c.channel_id, c.contact_id,
            c.assignee_user_id, c.team_id, c.status, c.last_inbound_at, ch.status AS channel_status,
            ${OWNER_LOCALE_SQL},
            EXISTS (SELECT 1 FROM messages m
                     WHERE m.conversation_id = c.id AND m.direction = 'outbound' AND m.sender_user_id IS NOT NULL
                       AND m.occurred_at > COALESCE((SELECT max(s.sent_at) FROM csat_surveys s
                                                      WHERE s.conversation_id = c.id), '-infinity')) AS replied
       FROM conversations c JOIN workspaces w ON w.id = c.workspace_id JOIN channels ch ON ch.id = c.channel_id
      WHERE c.workspace_id = $1 AND c.id = $2`,
    [actor.workspaceId, conversationId],
  );
  if (!c?.enabled) return { sent: false, reason: 'off' };
  if (c.status !== 'resolved') return { sent: false, reason: 'not_resolved' };
  // Nobody answered since the last survey (spam, a bot's whole conversation): nothing to rate.
  if (!c.replied) return { sent: false, reason: 'no_reply' };
  if (c.channel_status !== 'connected') return { sent: false, reason: 'number_disconnected' };
  const inWindow =
    c.last_inbound_at !== null && now.getTime() - new Date(c.last_inbound_at).getTime() < WINDOW_MS;
  if (!inWindow && !c.template_id) return { sent: false, reason: 'no_template' };
  const surveyId = randomUUID();
  const messageId = randomUUID();
  const via = inWindow ? 'list' : 'template';
  await deps.db.query(
    `INSERT INTO csat_surveys (id, workspace_id, conversation_id, channel_id, contact_id, agent_user_id, team_id,
                               resolved_by_user_id, via, message_id, sent_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      surveyId,
      actor.workspaceId,
      conversationId,
      c.channel_id,
      c.contact_id,
      c.assignee_user_id ?? actor.userId,
      c.team_id,
      actor.userId,
      via,
      messageId,
      now,
      new Date(now.getTime() + SURVEY_OPEN_MS),
    ],
  );
  const as = { by: surveySender(surveyId), id: messageId };
  const sender = { workspaceId: actor.workspaceId, userId: null };
  try {
    if (via === 'list') {
      const interactive = surveyList(surveyId, surveyLanguage(c.locale));
      await queueOutbound(
        deps,
        sender,
        { id: conversationId, channelId: c.channel_id },
        { type: 'interactive', interactive },
        null,
        null,
        as,
      );
    } else {
      await sendTemplateMessage(deps, sender, conversationId, { templateId: c.template_id! }, as);
    }
  } catch (err) {
    // Refused before anything was sent (the template is no longer approved): no survey was asked.
    await deps.db.query('DELETE FROM csat_surveys WHERE id = $1', [surveyId]);
    deps.log.error({ err, conversationId }, 'the satisfaction survey could not be sent');
    return { sent: false, reason: 'no_template' };
  }
  return { sent: true, surveyId, via };
}
