import type { SearchResults } from '@charla/contracts';
import { type Viewer, visibleConversationsSql } from '../conversations/conversation-access';
import type { InboxDeps } from '../inbox.deps';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import {
  HEADLINE_OPTIONS,
  HEADLINE_WHOLE_OPTIONS,
  headlineInputSql,
  toSnippetSegments,
  WHOLE_HEADLINE_MAX_CHARS,
} from './search-snippet';

/** How many of the newest messages are checked before asking the full-text index. */
const RECENT_WINDOW = 5000;

interface HitRow {
  id: string;
  seq: string | number;
  direction: 'inbound' | 'outbound';
  type: string;
  occurred_at: Date;
  conversation_id: string;
  status: SearchResults['items'][number]['conversation']['status'];
  channel_name: string;
  contact_id: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_wa_id: string | null;
  headline: string | null;
}

/**
 * Messages whose text matches `q`, newest first. `messages.search_vector` holds the text stemmed
 * as Spanish and as English; the query is read both ways (websearch syntax: quotes, `or`, `-`)
 * and either reading may match, so "zapato" finds "zapatos" and "ship" finds "shipped". Only
 * conversations of the viewer's workspace that the viewer may see are searched.
 */
export async function searchMessages(
  deps: Pick<InboxDeps, 'db'>,
  viewer: Viewer,
  input: { q: string; cursor?: string; limit: number },
): Promise<SearchResults> {
  const params: unknown[] = [viewer.workspaceId, input.q, input.limit + 1];
  let after = '';
  if (input.cursor) {
    const { at, seq } = decodeSearchCursor(input.cursor);
    params.push(at, seq);
    after = `AND (m.occurred_at, m.seq) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`;
  }
  const visible = visibleConversationsSql(viewer, params.length + 1);
  params.push(...visible.params);
  params.push(HEADLINE_OPTIONS, HEADLINE_WHOLE_OPTIONS);
  const optionsParam = `CASE WHEN length(hit.clean) <= ${WHOLE_HEADLINE_MAX_CHARS} THEN $${params.length} ELSE $${params.length - 1} END`;
  const qs = `websearch_to_tsquery('spanish'::regconfig, $2)`;
  const qe = `websearch_to_tsquery('english'::regconfig, $2)`;
  const columns =
    'm.id, m.seq, m.direction, m.type, m.text, m.occurred_at, m.conversation_id, m.search_vector';
  // Two ways to find the page, chosen by what happened rather than by the planner's guess of
  // how common the words are (a wrong guess costs seconds either way): first the newest
  // RECENT_WINDOW messages are checked, which answers words that are common; when they hold
  // less than a page, the GIN index lists every match (few, for a rare word) to sort.
  const candidates = {
    recent: `(SELECT ${columns} FROM messages m WHERE m.workspace_id = $1 ${after}
               ORDER BY m.occurred_at DESC NULLS LAST, m.seq DESC NULLS LAST LIMIT ${RECENT_WINDOW}) m`,
    indexed: `(SELECT ${columns} FROM messages m
                WHERE m.workspace_id = $1 AND m.search_vector @@ (${qs} || ${qe}) ${after}
               OFFSET 0) m`,
  };
  // The page is chosen first; the (costly) headline is only computed for its rows, in the
  // language whose reading matched.
  const findPage = (from: string) =>
    deps.db.query<HitRow & Record<string, unknown>>(
      `SELECT hit.*,
              CASE WHEN to_tsvector('spanish'::regconfig, hit.clean) @@ ${qs}
                   THEN ts_headline('spanish'::regconfig, hit.clean, ${qs}, ${optionsParam})
                   ELSE ts_headline('english'::regconfig, hit.clean, ${qe}, ${optionsParam}) END AS headline
         FROM (
           SELECT m.id, m.seq, m.direction, m.type, m.occurred_at, m.conversation_id,
                  ${headlineInputSql('m.text')} AS clean,
                  c.status, ch.name AS channel_name, ct.id AS contact_id, ct.name AS contact_name,
                  ct.phone AS contact_phone, ct.wa_id AS contact_wa_id
             FROM ${from}
             JOIN conversations c ON c.id = m.conversation_id
             JOIN contacts ct ON ct.id = c.contact_id
             JOIN channels ch ON ch.id = c.channel_id
            WHERE c.workspace_id = $1 AND m.search_vector @@ (${qs} || ${qe}) AND ${visible.sql}
            ORDER BY m.occurred_at DESC NULLS LAST, m.seq DESC NULLS LAST
            LIMIT $3
         ) hit
        ORDER BY hit.occurred_at DESC, hit.seq DESC`,
      params,
    );
  let rows = await findPage(candidates.recent);
  if (rows.length <= input.limit) rows = await findPage(candidates.indexed);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      message: {
        id: r.id,
        direction: r.direction,
        type: r.type,
        createdAt: new Date(r.occurred_at).toISOString(),
      },
      conversation: {
        id: r.conversation_id,
        channelName: r.channel_name,
        status: r.status,
        contact: { id: r.contact_id, name: r.contact_name, phone: r.contact_phone, waId: r.contact_wa_id },
      },
      snippet: toSnippetSegments(r.headline ?? ''),
    })),
    nextCursor: rows.length > input.limit && last ? encodeSearchCursor(last.occurred_at, last.seq) : null,
  };
}
