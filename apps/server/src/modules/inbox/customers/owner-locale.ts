/**
 * SQL for the language Charla writes to customers in on its own (opt-out confirmations, the
 * satisfaction survey): the first owner's, as a column named `locale`, for a query that has the
 * workspace as `w`.
 */
export const OWNER_LOCALE_SQL = `(SELECT u.locale FROM workspace_members wm JOIN users u ON u.id = wm.user_id
  WHERE wm.workspace_id = w.id AND wm.role = 'owner' ORDER BY wm.created_at LIMIT 1) AS locale`;
