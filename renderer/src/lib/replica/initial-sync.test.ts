import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, TIERED_COLLECTIONS, type Checkpoint } from '../../../../shared/src';
import { InitialSync } from './initial-sync';
import { AFTER_THE_LIST } from './list-usable';
import type { SyncStatus } from './types';

const status = () =>
  new BehaviorSubject<SyncStatus>({
    online: true,
    pendingChanges: 0,
    pendingUploads: 0,
    lastError: null,
    initialSync: { done: false, usable: false, received: 0, expected: null },
  });

const pastScreen: Checkpoint = { seq: 9, fp: 'f', first: { tier: 2, key: 'k', id: 'c' } };
const inScreen: Checkpoint = { seq: 9, fp: 'f', first: { tier: 1, key: 'k', id: 'c' } };
const untiered = COLLECTION_NAMES.filter((c) => !TIERED_COLLECTIONS.has(c) && !AFTER_THE_LIST.has(c));

describe('InitialSync', () => {
  it('a download resumed past its first screens is usable at its first pulls, which do not wait for it', async () => {
    const s = status();
    const sync = new InitialSync(s);
    for (const c of untiered) sync.stored(c, { seq: 3 }, true);
    expect(s.value.initialSync.usable).toBe(false);
    // RxDB's stored checkpoints after a restart: both tiered collections past their screen.
    await Promise.all([sync.mayPull('cases', pastScreen), sync.mayPull('documents', pastScreen)]);
    expect(s.value.initialSync.usable).toBe(true);
  });

  it('holds back a tiered collection past its screen while another is still in its own', async () => {
    const s = status();
    const sync = new InitialSync(s);
    for (const c of untiered) sync.stored(c, { seq: 3 }, true);
    await sync.mayPull('documents', inScreen);
    let pulled = false;
    const cases = sync.mayPull('cases', pastScreen).then(() => (pulled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pulled).toBe(false);
    sync.stored('documents', pastScreen, false);
    await cases;
    expect(s.value.initialSync.usable).toBe(true);
  });
});
