/** Swedish texts of signing (flow steps, the key dialog, test-key marks, statistics); merged into the catalog in sv.ts. */
export const svSigning = {
  'signing.signAndApprove': 'Signera och godkänn',
  'signing.signing': 'Signerar…',
  'signing.file': 'Fil att signera',
  'signing.noPdf': 'Handlingen har ingen PDF-fil att signera.',
  'signing.unavailable': 'Underskrift kräver skrivbordsappen med din e-legitimation (.p12/.pfx-fil).',
  'signing.orChoose': 'Eller välj en version som redan är underskriven:',
  'signing.reason': 'Godkänd i godkännandeflöde',
  'signing.testKey': 'Testnyckel för utveckling – inte en giltig e-underskrift',
  'signing.testKeyTag': 'Testnyckel',

  'signing.key.heading': 'E-legitimation för underskrift',
  'signing.key.intro': 'Nyckeln stannar i skrivbordsappen och skickas aldrig till servern. Den glöms efter 30 minuter utan användning.',
  'signing.key.choose': 'Välj fil…',
  'signing.key.file': 'Fil: {name}',
  'signing.key.password': 'Lösenord till filen',
  'signing.key.unlock': 'Lås upp',
  'signing.key.unlocked': 'Upplåst: {name}, utfärdad av {issuer}, giltig till {date}',
  'signing.key.otherName': 'Certifikatet är utfärdat till {name}, inte till dig ({user}). Ett godkännandesteg kräver din egen underskrift.',
  'signing.key.forget': 'Glöm nyckeln',
  'signing.key.cancel': 'Avbryt',

  'signing.error.no-key': 'Välj och lås upp din e-legitimation först.',
  'signing.error.wrong-password': 'Fel lösenord till e-legitimationen.',
  'signing.error.unreadable': 'Filen kunde inte läsas som en e-legitimation (.p12/.pfx).',
  'signing.error.unsupported-key': 'E-legitimationens nyckeltyp stöds inte ännu (endast RSA).',
  'signing.error.no-private-key': 'Filen innehåller ingen privat nyckel.',
  'signing.error.no-certificate': 'Filen innehåller inget certifikat för nyckeln.',
  'signing.error.unreadable-pdf': 'PDF-filen kunde inte läsas och kan inte signeras.',
  'signing.error.encrypted-pdf': 'PDF-filen är krypterad och kan inte signeras.',
  'signing.error.unsupported-pdf': 'PDF-filens uppbyggnad stöds inte för signering.',
  'signing.error.no-signature-page': 'PDF-filen saknar underskriftssida och kan inte få fler synliga underskrifter.',
  'signing.error.signature-page-full': 'Underskriftssidan är full.',
  'signing.error.existing-signature-invalid':
    'En tidigare underskrift i filen är inte giltig, eller filen har ändrats efter den. Den kan inte signeras vidare.',
  // Signature trust (evidence): the certificate's validity, checked in the desktop before signing
  'signing.error.certificate-expired':
    'E-legitimationens certifikat har gått ut och kan inte användas för att skriva under. Skaffa ett nytt certifikat.',
  'signing.error.certificate-not-yet-valid':
    'E-legitimationens certifikat gäller inte ännu. Kontrollera datorns klocka eller vänta tills certifikatet börjar gälla.',
  'signing.error.self-check-failed': 'Den nya underskriften kunde inte kontrolleras. Ingenting sparades.',
  // Signing keeps PDF/A (embedded fonts on the signature page and in the box)
  'signing.error.pdfa-needs-fonts':
    'Dokumentet är PDF/A, och typsnitten för underskriften kunde inte bäddas in. Det signerades inte, så att det förblir PDF/A.',
  'signing.error.bad-font': 'Typsnittet för underskriften kunde inte användas. Ingenting signerades.',
  'signing.error.failed': 'Signeringen misslyckades: {detail}',
  'signing.error.upload-refused': 'Servern tog inte emot den signerade filen. Orsaken står vid filen under Filer.',
  'signing.queued': 'Underskriven. Filen och godkännandet skickas när anslutningen är tillbaka.',

  'signing.stats.heading': 'Underskrifter',
  'signing.stats.intro':
    'Räknar underskrifterna i den senaste versionen av varje PDF-fil i diariet som du kan läsa, nyast först, högst {files} filer och {megabytes} MB åt gången. Filer som inte redan finns på den här datorn hämtas från servern och sparas i filcachen.',
  'signing.stats.leftOut': '{count} äldre filer räknades inte (gränsen för en räkning).',
  'signing.stats.run': 'Räkna underskrifter',
  'signing.stats.running': 'Läser {done} av {total} filer…',
  'signing.stats.total': '{count} underskrifter i {files} filer, varav {invalid} ogiltiga och {test} med testnyckel.',
  'signing.stats.perMonth': 'Per månad',
  'signing.stats.perSigner': 'Per undertecknare',
  'signing.stats.month': 'Månad',
  'signing.stats.signer': 'Undertecknare',
  'signing.stats.count': 'Antal',
  'signing.stats.none': 'Inga underskrifter hittades.',
  'signing.stats.unreadable': '{count} filer kunde inte läsas (inte hämtade ännu och ingen anslutning).',
} as const;
