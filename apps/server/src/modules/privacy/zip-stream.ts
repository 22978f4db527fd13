import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface ZipEntry {
  name: string;
  /** Small content (compressed), or a stream of bytes stored as they are (media are compressed already). */
  data: Uint8Array | AsyncIterable<Uint8Array>;
  mtime?: Date;
}

/**
 * A zip file written as it is read: each entry's bytes pass through as they arrive, so a large
 * media file is never held whole; the caller's pace (the HTTP response) sets the reading pace.
 */
export async function* zipStream(
  entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>,
): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else out.push(chunk);
  });
  function* drain() {
    if (failure) throw failure;
    while (out.length > 0) yield out.shift()!;
  }
  for await (const entry of entries) {
    if (entry.data instanceof Uint8Array) {
      const file = new ZipDeflate(entry.name, { level: 6 });
      if (entry.mtime) file.mtime = entry.mtime;
      zip.add(file);
      file.push(entry.data, true);
      yield* drain();
      continue;
    }
    const file = new ZipPassThrough(entry.name);
    if (entry.mtime) file.mtime = entry.mtime;
    zip.add(file);
    for await (const chunk of entry.data) {
      file.push(chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk as ArrayBuffer));
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}
