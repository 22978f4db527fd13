-- Room on each page for the next version of a row, so Meta's status updates (sent, delivered,
-- read: three per outbound message) are HOT updates that touch no index. Without free space a
-- full page forces each update onto another page and into every index, the search index too.
-- bench/broadcast.ts (100,000 sends): at fillfactor 80, 40% of status updates were HOT; at 60,
-- 85%, and the status UPDATE took 4.0 s of PostgreSQL instead of 7.6 s for more rows.
-- New pages only; existing ones fill the gap as they are rewritten.
ALTER TABLE "messages" SET (fillfactor = 60);
