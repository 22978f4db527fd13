import type { Clock } from '../../platform/clock';
import type { SecretBox } from '../../platform/crypto';
import type { Database } from '../../platform/db/database';

export interface ChannelsDeps {
  db: Database;
  clock: Clock;
  secrets: SecretBox;
}
