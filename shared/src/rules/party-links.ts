/** Where a case or document names a party: a case's parties, a document's sender and recipient. */
export const PARTY_LINK_FIELDS = {
  cases: ['partyIds'],
  documents: ['senderPartyId', 'recipientPartyId'],
} as const;

export interface PartyRef {
  partyId: string;
  field: string;
}

/** The parties a case or document names, with the field naming each. */
export function partyRefsOf(collection: string, record: Record<string, unknown> | null | undefined): PartyRef[] {
  if (!record) return [];
  const fields = (PARTY_LINK_FIELDS as Record<string, readonly string[]>)[collection] ?? [];
  const out: PartyRef[] = [];
  for (const field of fields) {
    const value = record[field];
    const ids = Array.isArray(value) ? value : [value];
    for (const id of ids) if (typeof id === 'string' && id !== '') out.push({ partyId: id, field });
  }
  return out;
}
