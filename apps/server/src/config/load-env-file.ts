import { existsSync } from 'node:fs';

/** `.env` in the working directory, if present, fills what the environment leaves unset. */
export function readEnvironment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return { ...process.env };
}
