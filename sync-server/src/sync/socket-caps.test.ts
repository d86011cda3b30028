import { describe, expect, test } from 'vitest';
import { SocketCaps } from './socket-caps';

describe('SocketCaps', () => {
  test('refuses beyond the per-session cap, and gives the place back on release', () => {
    const caps = new SocketCaps({ perUser: 10, perSession: 2 });
    const a = caps.take('u', 's1');
    expect(caps.take('u', 's1')).not.toBeNull();
    expect(caps.take('u', 's1')).toBeNull();
    expect(caps.take('u', 's2')).not.toBeNull();
    a!();
    a!(); // a second release gives nothing back twice
    expect(caps.take('u', 's1')).not.toBeNull();
    expect(caps.take('u', 's1')).toBeNull();
  });

  test('refuses beyond the per-user cap across sessions; other users are not affected', () => {
    const caps = new SocketCaps({ perUser: 3, perSession: 2 });
    expect(caps.take('u', 's1')).not.toBeNull();
    expect(caps.take('u', 's1')).not.toBeNull();
    expect(caps.take('u', 's2')).not.toBeNull();
    expect(caps.take('u', 's3')).toBeNull();
    expect(caps.take('v', 's9')).not.toBeNull();
  });
});
