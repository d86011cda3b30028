/** Swedish texts of collaborative working notes (Yjs rooms); merged into the catalog in sv.ts. */
export const svCollab = {
  'collab.heading': 'Arbetsanteckningar',
  'collab.intro': 'Anteckningarna delas med alla som har åtkomst till ärendet. Ändringar sparas automatiskt, även utan anslutning.',
  'collab.loading': 'Läser in anteckningar…',
  'collab.status.label': 'Anslutning för arbetsanteckningarna',
  'collab.status.connecting': 'Ansluter…',
  'collab.status.syncing': 'Hämtar de senaste ändringarna…',
  'collab.status.online': 'Ansluten – ändringar delas direkt',
  'collab.status.offline': 'Ingen anslutning – ändringar sparas på den här datorn och skickas när anslutningen är tillbaka',
  'collab.status.revoked': 'Du har inte längre åtkomst till anteckningarna. Kopian på den här datorn har tagits bort.',
  'collab.status.signed-out': 'Din inloggning har gått ut. Logga in igen för att fortsätta. Kopian på den här datorn har tagits bort.',
  'collab.status.closed': 'Anteckningarna är stängda.',
  // Read-only rooms and the server's limits (issue 12).
  'collab.readOnly': 'Endast läsbehörighet – anteckningarna kan inte ändras',
  'collab.status.too-large':
    'Anteckningarna har nått största tillåtna storlek. Den senaste ändringen sparades inte på servern; det som redan fanns är kvar.',
  'collab.rateLimited': 'Ändringarna skickades för snabbt. De skickas igen om en stund.',
} as const;
