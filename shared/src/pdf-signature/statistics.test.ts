import { describe, expect, test } from 'vitest';
import { signatureStatistics } from './statistics';

describe('signatureStatistics', () => {
  test('counts per Swedish calendar month and per signer', () => {
    const stats = signatureStatistics([
      { signer: 'Anna Andersson', signedAt: '2026-01-15T09:00:00Z' },
      { signer: 'Örjan Berg', signedAt: '2026-01-20T10:00:00Z' },
      { signer: 'Anna Andersson', signedAt: '2026-03-02T08:00:00Z' },
      // 23:30 UTC on 31 January is 00:30 on 1 February in Stockholm (CET, UTC+1).
      { signer: 'Åsa Öberg', signedAt: '2026-01-31T23:30:00Z' },
      // 22:30 UTC on 31 July is 00:30 on 1 August in Stockholm (CEST, UTC+2).
      { signer: 'Örjan Berg', signedAt: '2026-07-31T22:30:00Z' },
    ]);
    expect(stats.perMonth).toEqual([
      { month: '2026-01', count: 2 },
      { month: '2026-02', count: 1 },
      { month: '2026-03', count: 1 },
      { month: '2026-08', count: 1 },
    ]);
    // Ties are in Swedish order: Å before Ö (both after Z).
    expect(stats.perSigner).toEqual([
      { signer: 'Anna Andersson', count: 2 },
      { signer: 'Örjan Berg', count: 2 },
      { signer: 'Åsa Öberg', count: 1 },
    ]);
  });

  test('no records give empty lists', () => {
    expect(signatureStatistics([])).toEqual({ perMonth: [], perSigner: [] });
  });

  test('an unreadable time is an error, not a silent zero', () => {
    expect(() => signatureStatistics([{ signer: 'A', signedAt: 'igår' }])).toThrow(/not an ISO instant: igår/);
  });
});
