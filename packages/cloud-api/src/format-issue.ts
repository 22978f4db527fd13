import type { z } from 'zod';

type PathSegment = PropertyKey;

/** Renders a path the way a person reads JSON: `entry[0].changes[1].value`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** `<path>: <problem>`, e.g. `entry[0].id: expected string` (a missing field reads the same as a null one). */
export function formatIssue(issue: z.core.$ZodIssue, prefix: readonly PathSegment[] = []): string {
  const path = formatPath([...prefix, ...issue.path]) || '(root)';
  const problem = issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '');
  return `${path}: ${problem}`;
}
