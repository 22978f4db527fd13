import { existsSync } from 'node:fs';
import { type Config, ConfigError, loadConfig } from './config';

/** `.env` in the working directory, if present, fills what the environment leaves unset. */
export function readEnvironment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return { ...process.env };
}

/**
 * The validated settings of a command run from a shell (the server, `db:to-postgres`): a setting
 * that is wrong is printed with what to do, and the process exits 1 instead of throwing.
 */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig(readEnvironment());
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    console.error('See .env.example for every setting and its meaning.');
    process.exit(1);
  }
}
