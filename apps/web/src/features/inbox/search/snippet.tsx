import type { SnippetSegment } from '@charla/contracts';

/** The server's snippet, matches highlighted; every piece is rendered as text, never as HTML. */
export function Snippet({ segments }: { segments: SnippetSegment[] }) {
  return (
    <>
      {segments.map((segment, i) =>
        segment.match ? (
          <mark
            // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity but their order
            key={i}
            className="rounded-sm bg-amber-200/80 px-0.5 text-inherit dark:bg-amber-500/40"
          >
            {segment.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity but their order
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}
