import { describe, expect, it } from 'vitest';
import { DownloadEstimate, downloadPercent } from './download-estimate';

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
    expect(e.wants('cases')).toBe(true);
    e.received('cases', 2000);
    e.remaining('cases', 8000);
    expect(e.wants('cases')).toBe(false);
    expect(e.total()).toBeNull();
    e.received('documents', 500);
    e.remaining('documents', 0);
    expect(e.total()).toBe(10_000 + 500);
  });

  it('counts what arrived before the question (a download resumed after a restart, a pushed batch)', () => {
    const e = new DownloadEstimate(['cases']);
    e.received('cases', 300);
    e.received('cases', 2000);
    e.remaining('cases', 100);
    expect(e.total()).toBe(2400);
  });

  it('never expects less than has arrived (the count is taken once; more may be registered meanwhile)', () => {
    const e = new DownloadEstimate(['cases']);
    e.received('cases', 10);
    e.remaining('cases', 5);
    e.received('cases', 40);
    expect(e.total()).toBe(50);
  });
});
