/**
 * Swedish texts of the search grammar's refusals and the search route's (issue 15, search-server):
 * `search.error.<code>` for every SearchErrorCode and SEARCH_REQUEST_ERRORS. Merged into sv.ts.
 */
export const svSearchQuery = {
  'search.error.too_long': 'Sökningen är för lång. Använd högst 500 tecken.',
  'search.error.too_many_terms': 'Sökningen har för många ord. Använd högst 20 ord, fraser eller fält.',
  'search.error.empty': 'Skriv något att söka efter: ett ord, en fras inom citattecken eller ett diarienummer.',
  'search.error.only_exclusions': 'Sökningen innehåller bara ord att utesluta (-ord). Lägg till något att söka efter.',
  'search.error.unbalanced_quote': 'Ett citattecken saknar sitt avslutande citattecken.',
  'search.error.unknown_field':
    'Okänt sökfält. Använd nummer, rubrik, beskrivning, avsändare, mottagare, handläggare, process, handlingstyp, status, riktning eller datum.',
  'search.error.empty_value': 'Ett sökfält saknar värde. Skriv värdet direkt efter kolonet, till exempel rubrik:bygglov.',
  'search.error.bad_number': 'Diarienumret känns inte igen. Skriv till exempel KS 2026-42 eller 2026-42.',
  'search.error.bad_date':
    'Datumet känns inte igen. Skriv till exempel datum:2026-03-01, datum:2026-01-01..2026-03-31 eller datum:>=2026-01.',
  'search.error.unknown_value':
    'Okänt värde för status eller riktning. Till exempel status:avslutat, status:öppen, riktning:inkommen eller riktning:utgående.',
  'search.error.bad_request': 'Sökningen kunde inte skickas i rätt form. Försök igen.',
  'search.error.unauthorized': 'Du är inte inloggad längre. Logga in igen för att söka.',
  'search.error.unsupported_media_type': 'Sökningen kunde inte skickas i rätt form. Försök igen.',
  'search.error.too_large': 'Sökningen är för lång.',
  'search.error.network': 'Servern kan inte nås. Sökningen gäller bara det som finns på den här datorn.',
} as const;
