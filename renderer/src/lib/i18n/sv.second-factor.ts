/** Swedish texts of the second factor (enrolment and prompt); merged into the catalog in sv.ts. */
export const svSecondFactor = {
  'secondFactor.enrol.heading': 'Aktivera tvåstegsverifiering',
  'secondFactor.enrol.intro':
    'Skanna QR-koden med en autentiseringsapp, till exempel Microsoft Authenticator eller Google Authenticator. Du behöver koden från appen för att öppna skyddade uppgifter.',
  'secondFactor.enrol.loading': 'Hämtar QR-kod…',
  'secondFactor.enrol.qrAlt': 'QR-kod för att lägga till Diarium i autentiseringsappen',
  'secondFactor.enrol.manual': 'Kan du inte skanna koden? Ange den här nyckeln i appen:',
  'secondFactor.enrol.codeLabel': 'Första koden från appen',
  'secondFactor.enrol.submit': 'Aktivera',
  'secondFactor.enrol.done': 'Tvåstegsverifieringen är aktiverad.',
  'secondFactor.prompt.heading': 'Bekräfta med kod',
  'secondFactor.prompt.intro':
    'Skyddade uppgifter kräver en kod från din autentiseringsapp. Du får frågan igen efter 15 minuter utan aktivitet.',
  'secondFactor.prompt.codeLabel': 'Sexsiffrig kod',
  'secondFactor.prompt.submit': 'Bekräfta',
  'secondFactor.prompt.enrol': 'Aktivera tvåstegsverifiering',
  'secondFactor.busy': 'Kontrollerar…',
  'secondFactor.cancel': 'Avbryt',
  'secondFactor.error.format': 'Koden ska bestå av sex siffror.',
  'secondFactor.error.invalid_code': 'Fel kod. Försök igen.',
  'secondFactor.error.replayed_code': 'Koden har redan använts. Vänta på nästa kod.',
  'secondFactor.error.rate_limited': 'För många felaktiga koder. Vänta 15 minuter och försök igen.',
  'secondFactor.error.not_enrolled': 'Du har inte aktiverat tvåstegsverifiering ännu.',
  'secondFactor.error.already_enrolled': 'Tvåstegsverifiering är redan aktiverad för ditt konto.',
  'secondFactor.error.unauthorized': 'Din inloggning har gått ut. Logga in igen.',
  'secondFactor.error.inactive': 'Ditt konto är inaktiverat.',
  'secondFactor.error.bad_request': 'Koden ska bestå av sex siffror.',
  'secondFactor.error.network': 'Servern kunde inte nås. Kontrollera anslutningen och försök igen.',
  'secondFactor.error.unknown': 'Något gick fel. Försök igen.',
  // Enrolment codes and the administrator's reset (issue 12)
  'secondFactor.error.invalid_enrolment_code':
    'Aktiveringskoden är fel, har redan använts eller har gått ut. Be en administratör om en ny kod.',
  'secondFactor.error.fresh_factor_required': 'Bekräfta först med en kod från din nuvarande app, och byt sedan app.',
  'secondFactor.enrol.replace': 'Jag har redan tvåstegsverifiering och vill byta till en ny app',
  'secondFactor.error.forbidden': 'Du får inte hantera tvåstegsverifiering för den användaren.',
  'secondFactor.error.not_found': 'Användaren finns inte.',
  'secondFactor.enrol.codeIntro':
    'För att aktivera tvåstegsverifiering behöver du en engångskod från en administratör. Koden gäller i 24 timmar och kan bara användas en gång.',
  'secondFactor.enrol.enrolmentCodeLabel': 'Aktiveringskod från administratören',
  'secondFactor.enrol.continue': 'Fortsätt',
  'secondFactor.enrol.codeMissing': 'Fyll i aktiveringskoden.',
  'secondFactor.admin.heading': 'Tvåstegsverifiering för användare',
  'secondFactor.admin.intro':
    'Ge en användare en engångskod för att aktivera tvåstegsverifiering, eller återställ den när telefonen har bytts ut eller tappats bort. Återställningen förs in i aktörsregistret.',
  'secondFactor.admin.user': 'Användare',
  'secondFactor.admin.issue': 'Skapa aktiveringskod',
  'secondFactor.admin.reset': 'Återställ tvåstegsverifiering',
  'secondFactor.admin.issued': 'Aktiveringskod för {name}: {code}. Den visas bara nu och gäller till {expires}.',
  'secondFactor.admin.resetDone': 'Tvåstegsverifieringen för {name} är återställd. Användaren behöver en ny aktiveringskod.',
  'secondFactor.admin.nothingToReset': '{name} har ingen tvåstegsverifiering att återställa.',
  // The administrator's own fresh second factor before codes and resets (issue 12, auth-hardening)
  'secondFactor.admin.verifyFirst':
    'Bekräfta först din egen tvåstegsverifiering med en kod från din app. Sedan kan du skapa aktiveringskoder och återställa andras tvåstegsverifiering.',
  'secondFactor.admin.verifyNow': 'Bekräfta med kod',
} as const;
