import type { Clock } from '../../platform/clock';
import type { Orm } from '../../platform/db/database';

export interface AuthDeps {
  orm: Orm;
  clock: Clock;
  sessionDays: number;
  publicUrl: string;
}
