/**
 * Document types seen in real political case handling, with the evidence and any retention rule
 * found in the source (document_types_political.csv of the project's reference data). Provenance
 * in ./README.md. Reference only: the demo's own document types are in ../doctypes.ts.
 */
export interface PoliticalDocumentTypeRow {
  documentType: string;
  evidence: string;
  sourceUrl: string;
  retentionFoundInSource: string;
}

export const POLITICAL_DOCUMENT_TYPES: readonly PoliticalDocumentTypeRow[] = [
  {
    documentType: 'Tjänsteskrivelse',
    evidence: 'Bilaga "Tjänsteskrivelse Delårsrapport 2 …" (Tyresö KS 2018); dagordningspunkt "Tjänsteskrivelse …" (Nynäshamn KS 2018)',
    sourceUrl: 'https://insynsverige.se/tyreso-ks/protokoll?date=2018-10-02',
    retentionFoundInSource: '',
  },
  {
    documentType: 'Tjänsteutlåtande',
    evidence:
      '"Tjänsteutlåtande markförsäljning …" (Nynäshamn KF 2018); "För varje nytt beslutsärende ska det finnas ett tjänsteutlåtande" (Göteborgs Stad politikerhandbok); Söderhamn förklarar tjänsteutlåtandets innehåll',
    sourceUrl: 'https://goteborg.se/wps/portal/enhetssida/politikerhandboken/sammantradesteknik/foredragningslistadagordning',
    retentionFoundInSource: '',
  },
  {
    documentType: 'Protokoll',
    evidence: 'Nämndens protokoll (Danderyd DHP); "Protokoll KF YYYY-MM-DD §§ a-b" i Ciceron-diariet (Karlskoga, GitHub-anteckning)',
    sourceUrl:
      'Danderyds kommun, Dokumenthanteringsplan, Myndighet: Produktionsstyrelsen (avsnitt "Allmän nämnds- och förvaltningsadministration"), via http://docplayer.se/8966863-Rutin-handling-media-original-kopia-forvaringsplats-sorteringsform-gallring-tidsfrist-for-anmarkning-leverans-till-kommunarkivet.html',
    retentionFoundInSource: 'bevaras (Danderyd)',
  },
  {
    documentType: 'Protokollsutdrag',
    evidence:
      '"Kommunledningsutskottet protokollsutdrag 2018-09-19 § 137.pdf" (Tyresö); per-§ "Protokollsutdrag KF …" i Ciceron-diariet (Karlskoga)',
    sourceUrl: 'https://insynsverige.se/tyreso-ks/protokoll?date=2018-10-02',
    retentionFoundInSource: '',
  },
  {
    documentType: 'Kallelse / föredragningslista / dagordning',
    evidence: 'Kallelser (Danderyd DHP); Nacka KSAU-kallelse med föredragningslista; Göteborg politikerhandbok om föredragningslista',
    sourceUrl:
      'Danderyds kommun, Dokumenthanteringsplan, Myndighet: Produktionsstyrelsen (avsnitt "Allmän nämnds- och förvaltningsadministration"), via http://docplayer.se/8966863-Rutin-handling-media-original-kopia-forvaringsplats-sorteringsform-gallring-tidsfrist-for-anmarkning-leverans-till-kommunarkivet.html',
    retentionFoundInSource: 'gallras 2 år (Danderyd)',
  },
  {
    documentType: 'Justeringsanslag / anslagsbevis',
    evidence: 'Justeringsanslag (Danderyd DHP); "ANSLAG/BEVIS" i protokoll (flera kommuner)',
    sourceUrl:
      'Danderyds kommun, Dokumenthanteringsplan, Myndighet: Produktionsstyrelsen (avsnitt "Allmän nämnds- och förvaltningsadministration"), via http://docplayer.se/8966863-Rutin-handling-media-original-kopia-forvaringsplats-sorteringsform-gallring-tidsfrist-for-anmarkning-leverans-till-kommunarkivet.html',
    retentionFoundInSource: 'gallras när protokollet vunnit laga kraft (Danderyd)',
  },
  {
    documentType: 'Delegationsbeslut / anmälan av delegationsbeslut',
    evidence:
      'Delegationsbeslut (Danderyd DHP); "Delegationsbeslut, anmälan" (Nacka KS-kallelse 2016); "Anmälan av delega[tionsbeslut]" (Nynäshamn KS 2018)',
    sourceUrl:
      'Danderyds kommun, Dokumenthanteringsplan, Myndighet: Produktionsstyrelsen (avsnitt "Allmän nämnds- och förvaltningsadministration"), via http://docplayer.se/8966863-Rutin-handling-media-original-kopia-forvaringsplats-sorteringsform-gallring-tidsfrist-for-anmarkning-leverans-till-kommunarkivet.html',
    retentionFoundInSource: 'bevaras, diarieförs (Danderyd)',
  },
  {
    documentType: 'Motion / svar på motion',
    evidence: '"Motioner och politikerinitiativ" (Nacka KSAU 2018); "Svar på Motion …" (Nynäshamn KSAU 2019)',
    sourceUrl:
      'https://docplayer.se/108045290-kommunstyrelsens-arbetsutskott-kallas-till-sammantrade-dag-tisdagen-den-6-februari-2018-tid-kl-nacka-stadshus-sammantradesrummet-jelgava.html',
    retentionFoundInSource: '',
  },
  {
    documentType: 'Medborgarförslag / svar på medborgarförslag',
    evidence: '"Svar på medborgarförslag: …" (Kramfors KSAU 2018; Nynäshamn KSAU 2019)',
    sourceUrl: 'https://docplayer.se/amp/109269219-kommunstyrelsens-arbetsutskott.html',
    retentionFoundInSource: '',
  },
  {
    documentType: 'Remiss / svar på remiss / inget svar på remiss',
    evidence: '"Svar på remiss reboot …" (Kramfors 2018); "Svar på remiss …", "Inget svar på remiss …" (Nynäshamn 2018–2019)',
    sourceUrl:
      'https://docplayer.se/amp/159149657-motesbok-kommunstyrelsens-arbetsutskott-kommunstyrelsens-arbetsutskott-datum-plats-kommentar.html',
    retentionFoundInSource: '',
  },
  {
    documentType: 'Yttrande',
    evidence:
      '"Revisionsrapport … Yttrande till kommunfullmäktiges revisorer" (Nacka KSAU 2018); "Yttrande SD", "Yttrande M, L, C, KD" (Göteborg KS 2020)',
    sourceUrl:
      'https://goteborg.se/wps/portal/start/kommun-och-politik/kommunens-organisation/kommunstyrelsen/beslut-i-notisform-fran-kommunstyrelsen/beslut-i-notisform-fran-kommunstyrelsen-2020/beslut-i-kommunstyrelsen-25-mars-2020',
    retentionFoundInSource: '',
  },
  {
    documentType: 'Protokollsanteckning / reservation / yrkande',
    evidence:
      '"Protokollsanteckning Elisabet Lann (KD)" (Göteborg KS 2020); reservationer och yrkanden som protokollsbilagor i Ciceron (Höör, GitHub-anteckning)',
    sourceUrl:
      'https://goteborg.se/wps/portal/start/kommun-och-politik/kommunens-organisation/kommunstyrelsen/beslut-i-notisform-fran-kommunstyrelsen/beslut-i-notisform-fran-kommunstyrelsen-2020/beslut-i-kommunstyrelsen-5-februari-2020',
    retentionFoundInSource: '',
  },
  {
    documentType: 'Avtal',
    evidence: '"Markanvisningsavtal …", "Nyttjanderättavtal …" (Bjuv KSAU 2018); "Intentionsavtal …" (Nynäshamn KF 2018)',
    sourceUrl: 'https://docplayer.se/amp/109554898-sammantradesprotokoll-kommunstyrelsens-arbetsutskott.html',
    retentionFoundInSource: '',
  },
  {
    documentType: 'Cirkulär / skrivelser och beslut / kurser och konferenser',
    evidence: 'Fasta dagordningspunkter (Nynäshamn KS 2018)',
    sourceUrl:
      'https://docplayer.se/108902955-dagordning-kallelse-kallelsekommunstyrelsen-beslutspunkter-250-18-forlangning-av-interimistiskt-forbud-att-skada-naturvarden-i-och-omkring.html',
    retentionFoundInSource: '',
  },
  {
    documentType: 'Synpunkt',
    evidence:
      'Endast titeln "RUTIN FÖR. Synpunktshantering. Ciceron." i en relaterad-dokumentlista (docplayer) – tyder på att synpunkter hanteras i Ciceron; ingen gallringsregel hittad',
    sourceUrl: 'https://docplayer.se/amp/4536995-policy-for-dokument-och-arendehantering-inom-st.html',
    retentionFoundInSource: '',
  },
  {
    documentType: 'Diarielista',
    evidence: 'Diarielista (okänd kommun, KS DHP, LEX)',
    sourceUrl:
      'Okänd kommun (ärendesystem LEX), "Dokumenthanteringsplan för Kommunstyrelsen", avsnitt "Nämndsadministration och ärendehandläggning", via http://docplayer.se/2908776-Dokumenthanteringsplan-for-kommunstyrelsen.html',
    retentionFoundInSource: 'bevaras',
  },
  {
    documentType: 'Sammanträdesarvoden (underlag)',
    evidence: 'Underlag för utbetalning av sammanträdesarvoden (Danderyd DHP)',
    sourceUrl:
      'Danderyds kommun, Dokumenthanteringsplan, Myndighet: Produktionsstyrelsen (avsnitt "Allmän nämnds- och förvaltningsadministration"), via http://docplayer.se/8966863-Rutin-handling-media-original-kopia-forvaringsplats-sorteringsform-gallring-tidsfrist-for-anmarkning-leverans-till-kommunarkivet.html',
    retentionFoundInSource: 'gallras 2 år (kopia; original hos lönekontoret)',
  },
];
