import type { Query } from '../../../platform/db/database';
import { OWNER_LOCALE_SQL } from '../customers/owner-locale';
import type { InboundContent, InboxChange } from '../inbox.ports';
import { commentPrompt, commentThanks, surveyLanguage, surveySender } from './survey-texts';

/** After a rating, the customer's next text within this time is their comment. */
export const COMMENT_MS = 15 * 60 * 1000;

const STARS = /^(?:⭐\uFE0F?){1,5}$/u;
const KEYCAPS = ['1️⃣', '2️⃣', '3️⃣', '4️⃣', '5️⃣'];

/**
 * The score a customer's message gives, or null: the list row Charla sent for this survey
 * (`csat:<survey>:<n>`), a template's quick-reply button whose text starts with the score, or a
 * message that is only the score: "4", "4️⃣", "⭐⭐⭐⭐".
 */
export function ratingOf(content: InboundContent, surveyId: string): number | null {
  if (content.type === 'reply') {
    const m = /^csat:([0-9a-f-]{36}):([1-5])$/.exec(content.id ?? '');
    if (m) return m[1] === surveyId ? Number(m[2]) : null;
    return content.kind === 'template_button' ? scoreInText(content.title) : null;
  }
  return content.type === 'text' ? scoreInText(content.body) : null;
}

function scoreInText(text: string): number | null {
  const t = text.trim();
  if (/^[1-5]$/.test(t)) return Number(t);
  const keycap = KEYCAPS.indexOf(t);
  if (keycap >= 0) return keycap + 1;
  if (STARS.test(t)) return [...t.replaceAll('\uFE0F', '')].length;
  // A button titled "5 - Excelente" or "⭐⭐⭐⭐⭐ Excelente".
  const lead = /^([1-5])(?:\s|[-–.:)]|$)/.exec(t) ?? /^((?:⭐\uFE0F?){1,5})\s/u.exec(t);
  if (!lead) return null;
  return /^[1-5]$/.test(lead[1]!) ? Number(lead[1]) : [...lead[1]!.replaceAll('\uFE0F', '')].length;
}

type OpenSurvey = {
  id: string;
  conversation_id: string;
  score: number | null;
  rated_at: Date | null;
};

/** One message of the batch, in a conversation that is resolved. */
export interface Candidate {
  conversationId: string;
  externalId: string;
  content: InboundContent;
  at: Date;
}

export interface SurveyAnswer {
  surveyId: string;
  externalId: string;
  at: Date;
  answer: { kind: 'rating'; score: number } | { kind: 'comment'; text: string };
}

/**
 * Which of a batch's messages, in resolved conversations, answer the survey asked there: the
 * rating, then (within `COMMENT_MS`) one text as the comment. Anything else means the customer
 * is writing about something new: the survey stops listening (`closed`) and the message reopens
 * the conversation as usual. In the ingest's transaction, before anything is reopened.
 */
export async function matchSurveyAnswers(
  query: Query,
  candidates: Candidate[],
  now: Date,
): Promise<{ answers: SurveyAnswer[]; closed: string[] }> {
  if (candidates.length === 0) return { answers: [], closed: [] };
  // No lock of its own: the ingest holds its conversations' rows, so one batch at a time answers.
  const surveys = await query<OpenSurvey>(
    `SELECT DISTINCT ON (conversation_id) id, conversation_id, score, rated_at FROM csat_surveys
      WHERE conversation_id = ANY($1::uuid[]) AND expires_at > $2 AND comment_message_id IS NULL
      ORDER BY conversation_id, sent_at DESC`,
    [[...new Set(candidates.map((c) => c.conversationId))], now],
  );
  const open = new Map(surveys.map((s) => [s.conversation_id, { ...s }]));
  const answers: SurveyAnswer[] = [];
  const closed: string[] = [];
  for (const c of candidates) {
    const s = open.get(c.conversationId);
    if (!s) continue;
    const score = s.score === null ? ratingOf(c.content, s.id) : null;
    if (score !== null) {
      answers.push({ surveyId: s.id, externalId: c.externalId, at: c.at, answer: { kind: 'rating', score } });
      s.score = score;
      s.rated_at = c.at;
      continue;
    }
    const commenting =
      s.score !== null &&
      s.rated_at !== null &&
      c.content.type === 'text' &&
      c.at.getTime() - new Date(s.rated_at).getTime() <= COMMENT_MS;
    if (commenting && c.content.type === 'text') {
      answers.push({
        surveyId: s.id,
        externalId: c.externalId,
        at: c.at,
        answer: { kind: 'comment', text: c.content.body.slice(0, 2000) },
      });
    } else {
      closed.push(s.id);
    }
    open.delete(c.conversationId);
  }
  return { answers, closed };
}

/**
 * Writes the answers of the messages that were stored (a redelivered one is not), stops the
 * surveys that heard something else, and queues the survey's next line: the invitation to comment
 * after a rating, thanks after the comment. Returns those lines for sending after commit.
 */
export async function recordSurveyAnswers(
  query: Query,
  matched: { answers: SurveyAnswer[]; closed: string[] },
  storedIds: Map<string, string>,
  now: Date,
): Promise<{ replyIds: string[]; changes: InboxChange[] }> {
  if (matched.closed.length > 0)
    await query('UPDATE csat_surveys SET expires_at = LEAST(expires_at, $2) WHERE id = ANY($1::uuid[])', [
      matched.closed,
      now,
    ]);
  const replyIds: string[] = [];
  const changes: InboxChange[] = [];
  for (const a of matched.answers) {
    const messageId = storedIds.get(a.externalId);
    if (!messageId) continue;
    const [s] =
      a.answer.kind === 'rating'
        ? await query<SurveyRow>(
            `UPDATE csat_surveys s SET score = $2, rated_at = $3, rating_message_id = $4
               FROM workspaces w WHERE s.id = $1 AND w.id = s.workspace_id AND s.score IS NULL
             RETURNING ${SURVEY_RETURNING}`,
            [a.surveyId, a.answer.score, a.at, messageId],
          )
        : await query<SurveyRow>(
            `UPDATE csat_surveys s SET comment = $2, commented_at = $3, comment_message_id = $4
               FROM workspaces w WHERE s.id = $1 AND w.id = s.workspace_id AND s.comment_message_id IS NULL
             RETURNING ${SURVEY_RETURNING}`,
            [a.surveyId, a.answer.text, a.at, messageId],
          );
    if (!s) continue;
    const lang = surveyLanguage(s.locale);
    const body = a.answer.kind === 'rating' ? commentPrompt(lang) : commentThanks(lang);
    const [reply] = await query<{ id: string }>(
      `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, content, status,
                             automated_by, occurred_at)
       VALUES ($1, $2, $3, 'outbound', 'text', $4, $5::jsonb, 'queued', $6::jsonb, $7) RETURNING id`,
      [
        s.workspace_id,
        s.conversation_id,
        s.channel_id,
        body,
        JSON.stringify({ type: 'text', body }),
        JSON.stringify(surveySender(s.id)),
        // Right after the answer, even when Meta's timestamp runs ahead of this server's clock.
        new Date(Math.max(now.getTime(), a.at.getTime() + 1)),
      ],
    );
    replyIds.push(reply!.id);
    changes.push({
      kind: 'message.created',
      workspaceId: s.workspace_id,
      conversationId: s.conversation_id,
      messageId: reply!.id,
    });
  }
  return { replyIds, changes };
}

type SurveyRow = {
  id: string;
  workspace_id: string;
  conversation_id: string;
  channel_id: string;
  locale: string | null;
};

const SURVEY_RETURNING = `s.id, s.workspace_id, s.conversation_id, s.channel_id,
  ${OWNER_LOCALE_SQL}`;
