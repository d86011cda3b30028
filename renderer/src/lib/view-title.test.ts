import { describe, expect, it } from 'vitest';
import type { Route } from './router.svelte';
import { viewTitle } from './view-title';

// Every route the router knows (router.svelte.ts needs Svelte's compiler, so the routes are written out).
const ROUTES: Route[] = [
  { name: 'register' },
  { name: 'case', id: 'c1' },
  { name: 'document', id: 'd1' },
  { name: 'qa' },
  { name: 'settings' },
  { name: 'approvals' },
  { name: 'signatures' },
  { name: 'requests' },
  { name: 'request', id: 'r1' },
  { name: 'redaction', documentId: 'd1', fileId: 'f1' },
  { name: 'reader' },
  { name: 'meetings' },
  { name: 'meeting', id: 'm1' },
  { name: 'body', id: 'b1' },
  { name: 'search' },
  { name: 'parties' },
  { name: 'disposal' },
  { name: 'archive' },
  { name: 'reports' },
];

describe('viewTitle', () => {
  it('names each view in Swedish, then the app', () => {
    expect(viewTitle({ name: 'register' })).toBe('Diariet – Diarium');
    expect(viewTitle({ name: 'case', id: 'c1' })).toBe('Ärende – Diarium');
    expect(viewTitle({ name: 'document', id: 'd1' })).toBe('Handling – Diarium');
    expect(viewTitle({ name: 'redaction', documentId: 'd1', fileId: 'f1' })).toBe('Maskering – Diarium');
    expect(viewTitle({ name: 'settings' })).toBe('Inställningar – Diarium');
    expect(viewTitle({ name: 'disposal' })).toBe('Gallring – Diarium');
    expect(viewTitle({ name: 'archive' })).toBe('E-arkiv – Diarium');
    expect(viewTitle({ name: 'reports' })).toBe('Rapporter – Diarium');
    expect(viewTitle('signIn')).toBe('Logga in – Diarium');
  });

  it('gives every route its own title, none of them the bare app name', () => {
    const titles = ROUTES.map((r) => viewTitle(r));
    expect(new Set(titles).size).toBe(ROUTES.length);
    for (const title of titles) expect(title).toMatch(/^\S.* – Diarium$/);
  });
});
