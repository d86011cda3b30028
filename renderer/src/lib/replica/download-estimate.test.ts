import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../../../shared/src';
import { DownloadEstimate, downloadPercent } from './download-estimate';

const after: Checkpoint = { seq: 40, fp: 'f', w: 3 };
/** A first download's tier cursor before the user's window is evaluated (no `w`), and after. */
const lazy: Checkpoint = { seq: 40, fp: 'f', first: { tier: 2, key: 'k', id: 'c' } };
const evaluated: Checkpoint = { ...lazy, w: 7 };

describe('downloadPercent', () => {
  it('is the whole percent received, at most 99 while the download runs', () => {
    expect(downloadPercent(0, 360_000)).toBe(0);
    expect(downloadPercent(3_599, 360_000)).toBe(0);
    expect(downloadPercent(3_600, 360_000)).toBe(1);
    expect(downloadPercent(180_000, 360_000)).toBe(50);
    expect(downloadPercent(359_999, 360_000)).toBe(99);
    expect(downloadPercent(360_000, 360_000)).toBe(99);
    expect(downloadPercent(400_000, 360_000)).toBe(99);
    expect(downloadPercent(0, 0)).toBe(99);
  });
});

describe('DownloadEstimate', () => {
  it('asks once per collection and knows the total when every collection has answered', () => {
    const e = new DownloadEstimate(['cases', 'documents']);
    expect(e.wants('cases', null)).toBe(true);
    e.received('cases', 2000);
    e.remaining('cases', 8000, 2000, after);
    expect(e.wants('cases', after)).toBe(false);
    expect(e.total()).toBeNull();
    e.received('documents', 500);
    e.remaining('documents', 0, 500, after);
    expect(e.total()).toEqual({ records: 10_000 + 500, loose: false });
  });

  it('counts what arrived before the question (a download resumed after a restart, a pushed batch)', () => {
    const e = new DownloadEstimate(['cases']);
    e.received('cases', 300);
    e.received('cases', 2000);
    e.remaining('cases', 100, 2000, after);
    expect(e.total()).toEqual({ records: 2400, loose: false });
  });

  it('never expects less than has arrived (the count is taken once; more may be registered meanwhile)', () => {
    const e = new DownloadEstimate(['cases']);
    e.received('cases', 10);
    e.remaining('cases', 5, 10, after);
    e.received('cases', 40);
    expect(e.total()).toEqual({ records: 50, loose: false });
  });

  it("in the tiers the count is the whole window's less the answer: what came before is not added again", () => {
    const e = new DownloadEstimate(['cases']);
    e.received('cases', 151); // the first screen, not counted
    e.received('cases', 2000);
    // The window's 10,000 records and the screen's 150 once more (the tiers start over), less this answer.
    e.remaining('cases', 10_150 - 2000, 2000, evaluated);
    expect(e.total()).toEqual({ records: 10_150, loose: false });
  });

  it("before the window is evaluated the bound is loose (the register's count); it is asked again once the window is, and tight", () => {
    const e = new DownloadEstimate(['cases', 'users']);
    e.received('users', 10);
    e.remaining('users', 0, 10, after);
    e.received('cases', 151);
    e.received('cases', 2000);
    e.remaining('cases', 100_150 - 2000, 2000, lazy);
    expect(e.total()).toEqual({ records: 100_160, loose: true });
    // Not asked again while the window is still not evaluated, nor after the tiers.
    expect(e.wants('cases', lazy)).toBe(false);
    expect(e.wants('cases', after)).toBe(false);
    expect(e.wants('cases', evaluated)).toBe(true);
    e.received('cases', 2000);
    e.remaining('cases', 30_150 - 2000, 2000, evaluated);
    expect(e.wants('cases', evaluated)).toBe(false);
    expect(e.total()).toEqual({ records: 30_160, loose: false });
  });

  it('a collection that ended before it was asked (its first screen was all of it) expects what came', () => {
    const e = new DownloadEstimate(['cases', 'documents']);
    e.received('cases', 40);
    e.ended('cases');
    e.received('documents', 2000);
    e.remaining('documents', 500, 2000, after);
    expect(e.total()).toEqual({ records: 2540, loose: false });
    // An answer of the server counted later wins over the end.
    e.ended('documents');
    expect(e.total()).toEqual({ records: 2540, loose: false });
  });
});
