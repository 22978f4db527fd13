import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createEmptyState, type SandboxState, SandboxStateSchema } from './sandbox-state';

const DEBOUNCE_MS = 100;

/** Reads the state file; a missing file starts empty, a corrupt one stops the start rather than being overwritten. */
export function loadState(path: string | null): SandboxState {
  if (path === null) return createEmptyState();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return createEmptyState();
    throw error;
  }
  const parsed = SandboxStateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`Simulator state file ${path} is not valid: ${parsed.error.message}`);
  return parsed.data;
}

/** Debounced writer: many changes in a burst become one write; `flush` writes what is pending now. */
export function createStateWriter(
  path: string | null,
  read: () => SandboxState,
  onError: (error: unknown) => void,
) {
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  const write = () => {
    timer = null;
    if (path === null) return writing;
    const text = JSON.stringify(read());
    const tmp = `${path}.tmp`;
    // Write-then-rename so a crash mid-write never leaves a truncated file behind.
    writing = writing
      .then(async () => {
        // The sandbox numbers' app secrets and tokens: readable by this user only.
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        await writeFile(tmp, text, { mode: 0o600 });
        await rename(tmp, path);
      })
      .catch(onError);
    return writing;
  };

  return {
    schedule(): void {
      if (path === null || timer !== null) return;
      timer = setTimeout(write, DEBOUNCE_MS);
    },
    async flush(): Promise<void> {
      if (timer !== null) {
        clearTimeout(timer);
        await write();
      }
      await writing;
    },
  };
}
