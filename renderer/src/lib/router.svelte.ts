/**
 * Hash routes, so a reload keeps the open case and the app needs no server-side routing:
 * `#/` register, `#/arende/<id>`, `#/handling/<id>`, `#/kvalitet`, `#/installningar`, `#/godkannanden`,
 * `#/underskrifter` (signature statistics), `#/utlamnanden` (information requests), `#/utlamnande/<id>`,
 * `#/maskering/<documentId>/<fileId>` (the redaction tool), `#/sammantraden` (meetings), `#/sammantrade/<id>`,
 * `#/organ/<id>` (a decision body), `#/lasplatta[/<meetingId>[/<documentId>]]` (the elected officials' reader),
 * `#/sok` (search), `#/publicering` (the publication preview of the public register list),
 * `#/bevakningar` (watches and notifications), `#/gallring` (the archivist's disposal workspace),
 * `#/rapporter` (reports as PDF/A), `#/arkiv` (the archive workspace: transfer to the e-archive).
 */
export type Route =
  | { name: 'register' }
  | { name: 'case'; id: string }
  | { name: 'document'; id: string }
  | { name: 'qa' }
  | { name: 'settings' }
  | { name: 'approvals' }
  | { name: 'signatures' }
  | { name: 'requests' }
  | { name: 'request'; id: string }
  | { name: 'redaction'; documentId: string; fileId: string }
  | { name: 'reader'; meetingId?: string; documentId?: string }
  | { name: 'meetings' }
  | { name: 'meeting'; id: string }
  | { name: 'body'; id: string }
  | { name: 'search' }
  | { name: 'publication' }
  | { name: 'parties' }
  | { name: 'watches' }
  | { name: 'disposal' }
  | { name: 'archive' }
  | { name: 'reports' };

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .map((p) => decodeURIComponent(p));
  if (parts[0] === 'arende' && parts[1]) return { name: 'case', id: parts[1] };
  if (parts[0] === 'handling' && parts[1]) return { name: 'document', id: parts[1] };
  if (parts[0] === 'kvalitet') return { name: 'qa' };
  if (parts[0] === 'sok') return { name: 'search' };
  if (parts[0] === 'publicering') return { name: 'publication' };
  if (parts[0] === 'adressbok') return { name: 'parties' };
  if (parts[0] === 'bevakningar') return { name: 'watches' };
  if (parts[0] === 'gallring') return { name: 'disposal' };
  if (parts[0] === 'arkiv') return { name: 'archive' };
  if (parts[0] === 'rapporter') return { name: 'reports' };
  if (parts[0] === 'installningar') return { name: 'settings' };
  if (parts[0] === 'godkannanden') return { name: 'approvals' };
  if (parts[0] === 'underskrifter') return { name: 'signatures' };
  if (parts[0] === 'utlamnanden') return { name: 'requests' };
  if (parts[0] === 'utlamnande' && parts[1]) return { name: 'request', id: parts[1] };
  if (parts[0] === 'sammantraden') return { name: 'meetings' };
  if (parts[0] === 'sammantrade' && parts[1]) return { name: 'meeting', id: parts[1] };
  if (parts[0] === 'organ' && parts[1]) return { name: 'body', id: parts[1] };
  if (parts[0] === 'maskering' && parts[1] && parts[2]) return { name: 'redaction', documentId: parts[1], fileId: parts[2] };
  if (parts[0] === 'lasplatta')
    return { name: 'reader', ...(parts[1] ? { meetingId: parts[1] } : {}), ...(parts[1] && parts[2] ? { documentId: parts[2] } : {}) };
  return { name: 'register' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'case':
      return `#/arende/${encodeURIComponent(route.id)}`;
    case 'document':
      return `#/handling/${encodeURIComponent(route.id)}`;
    case 'qa':
      return '#/kvalitet';
    case 'search':
      return '#/sok';
    case 'publication':
      return '#/publicering';
    case 'watches':
      return '#/bevakningar';
    case 'disposal':
      return '#/gallring';
    case 'archive':
      return '#/arkiv';
    case 'reports':
      return '#/rapporter';
    case 'parties':
      return '#/adressbok';
    case 'settings':
      return '#/installningar';
    case 'approvals':
      return '#/godkannanden';
    case 'signatures':
      return '#/underskrifter';
    case 'requests':
      return '#/utlamnanden';
    case 'request':
      return `#/utlamnande/${encodeURIComponent(route.id)}`;
    case 'redaction':
      return `#/maskering/${encodeURIComponent(route.documentId)}/${encodeURIComponent(route.fileId)}`;
    case 'reader':
      return ['#/lasplatta', route.meetingId, route.meetingId && route.documentId]
        .filter((p): p is string => typeof p === 'string' && p !== '')
        .map((p, i) => (i === 0 ? p : encodeURIComponent(p)))
        .join('/');
    case 'meetings':
      return '#/sammantraden';
    case 'meeting':
      return `#/sammantrade/${encodeURIComponent(route.id)}`;
    case 'body':
      return `#/organ/${encodeURIComponent(route.id)}`;
    default:
      return '#/';
  }
}

class Router {
  current = $state<Route>(parseRoute(typeof location === 'undefined' ? '' : location.hash));

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('hashchange', () => {
        this.current = parseRoute(location.hash);
      });
    }
  }

  go(route: Route): void {
    const hash = routeHash(route);
    if (location.hash !== hash) location.hash = hash;
    this.current = route;
  }
}

export const router = new Router();
