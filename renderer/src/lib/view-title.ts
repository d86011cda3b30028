import { t, type MessageKey } from './i18n/sv';
import type { Route } from './router.svelte';

/** Each view's own name, as the main menu says it where the menu has it. */
const VIEW_NAME: Record<Route['name'], MessageKey> = {
  register: 'shell.nav.register',
  case: 'title.case',
  document: 'title.document',
  qa: 'shell.nav.qa',
  settings: 'shell.nav.settings',
  approvals: 'shell.nav.approvals',
  signatures: 'shell.nav.signatures',
  requests: 'shell.nav.requests',
  request: 'title.request',
  redaction: 'title.redaction',
  reader: 'reader.nav',
  meetings: 'shell.nav.meetings',
  meeting: 'title.meeting',
  body: 'title.body',
  search: 'search.nav',
  parties: 'party.nav',
  publication: 'publication.nav',
  watches: 'personal.nav',
  disposal: 'disposal.nav',
  archive: 'archive.nav',
  reports: 'reports.nav',
};

/** The window title of a view (WCAG 2.4.2): "<vy> – Diarium", so each tab and window says where it is. */
export function viewTitle(route: Route | 'signIn'): string {
  return t('title.view', { view: t(route === 'signIn' ? 'title.signIn' : VIEW_NAME[route.name]) });
}
