-- Room on each page for the next version of a row, so Meta's status updates (sent, delivered,
-- read: three per outbound message) are HOT updates that touch no index. Without free space a
-- full page forces each update onto another page and into every index, the search index too.
-- New pages only; existing ones fill the gap as they are rewritten.
ALTER TABLE "messages" SET (fillfactor = 80);
