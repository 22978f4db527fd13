import { describe, expect, it } from 'vitest';
import { furthestStatus, isStatusUpgrade } from './message-status';

describe('message status order', () => {
  it('never downgrades read to delivered or sent', () => {
    expect(isStatusUpgrade('read', 'sent')).toBe(false);
    expect(isStatusUpgrade('read', 'delivered')).toBe(false);
    expect(isStatusUpgrade('delivered', 'read')).toBe(true);
  });

  it('keeps failed final', () => {
    expect(isStatusUpgrade('failed', 'read')).toBe(false);
    expect(isStatusUpgrade('sent', 'failed')).toBe(true);
  });

  it('picks the furthest of out-of-order reports', () => {
    expect(furthestStatus(['read', 'sent', 'delivered'])).toBe('read');
    expect(furthestStatus([])).toBeNull();
  });
});
