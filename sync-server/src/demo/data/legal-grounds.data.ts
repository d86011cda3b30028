/**
 * Provisions of Offentlighets- och sekretesslagen (SFS 2009:400) commonly used as legal grounds
 * (lagrum) for restrictions in a municipal register. `title` is the law's own sub-heading,
 * `chapterTitle` the chapter heading. Statute text (no copyright, 9 § URL); provenance in ./README.md.
 */
export interface LegalGroundRow {
  reference: string;
  title: string;
  chapterTitle: string;
  source: string;
}

export const LEGAL_GROUNDS: readonly LegalGroundRow[] = [
  {
    reference: 'OSL 15 kap. 2 §',
    title: 'Försvarssekretess',
    chapterTitle: 'Sekretess till skydd för rikets säkerhet eller dess förhållande till andra stater eller mellanfolkliga organisationer',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 17 kap. 1 §',
    title: 'Förberedelser för inspektion, revision eller annan granskning',
    chapterTitle: 'Sekretess till skydd främst för myndigheters verksamhet för inspektion, kontroll eller annan tillsyn',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 18 kap. 8 §',
    title: 'Säkerhets- eller bevakningsåtgärd',
    chapterTitle: 'Sekretess till skydd främst för intresset av att förebygga eller beivra brott',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 18 kap. 13 §',
    title: 'Risk- och sårbarhetsanalyser m.m.',
    chapterTitle: 'Sekretess till skydd främst för intresset av att förebygga eller beivra brott',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 19 kap. 1 §',
    title: 'Myndighets affärsverksamhet m.m. – Affärs- och driftförhållanden',
    chapterTitle: 'Sekretess till skydd för det allmännas ekonomiska intresse',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 19 kap. 3 §',
    title: 'Upphandling m.m.',
    chapterTitle: 'Sekretess till skydd för det allmännas ekonomiska intresse',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 21 kap. 1 §',
    title: 'Hälsa och sexualliv',
    chapterTitle: 'Sekretess till skydd för uppgift om enskilds personliga förhållanden oavsett i vilket sammanhang uppgiften förekommer',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 21 kap. 3 §',
    title: 'Förföljda personer, m.m. – Adress, telefon, m.m.',
    chapterTitle: 'Sekretess till skydd för uppgift om enskilds personliga förhållanden oavsett i vilket sammanhang uppgiften förekommer',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 21 kap. 7 §',
    title: 'Behandling i strid med dataskyddsregleringen',
    chapterTitle: 'Sekretess till skydd för uppgift om enskilds personliga förhållanden oavsett i vilket sammanhang uppgiften förekommer',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 23 kap. 1 §',
    title: 'Förskola och viss annan pedagogisk verksamhet',
    chapterTitle: 'Sekretess till skydd för enskild i utbildningsverksamhet, m.m.',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 23 kap. 2 §',
    title: 'Grundskola, anpassad grundskola, specialskola, sameskola, gymnasieskola och anpassad gymnasieskola',
    chapterTitle: 'Sekretess till skydd för enskild i utbildningsverksamhet, m.m.',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 23 kap. 3 §',
    title: 'Fritidshem och viss annan pedagogisk verksamhet',
    chapterTitle: 'Sekretess till skydd för enskild i utbildningsverksamhet, m.m.',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 25 kap. 1 §',
    title: 'Hälso- och sjukvård och annan medicinsk verksamhet',
    chapterTitle: 'Sekretess till skydd för enskild i verksamhet som avser hälso- och sjukvård, m.m.',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 26 kap. 1 §',
    title: 'Socialtjänst och därmed jämställd verksamhet',
    chapterTitle: 'Sekretess till skydd för enskild inom socialtjänst, vid kommunal bostadsförmedling, adoption, m.m.',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 26 kap. 5 §',
    title: 'Anmälningar m.m.',
    chapterTitle: 'Sekretess till skydd för enskild inom socialtjänst, vid kommunal bostadsförmedling, adoption, m.m.',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 26 kap. 11 §',
    title: 'Kommunal bostadsförmedling m.m.',
    chapterTitle: 'Sekretess till skydd för enskild inom socialtjänst, vid kommunal bostadsförmedling, adoption, m.m.',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 31 kap. 16 §',
    title: 'Affärsförbindelse med myndighet',
    chapterTitle: 'Sekretess till skydd för enskild i annan verksamhet med anknytning till näringslivet',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 32 kap. 3 §',
    title: 'Kameraövervakning – Enskilds personliga förhållanden',
    chapterTitle: 'Sekretess till skydd för enskild i verksamhet som rör annan tillsyn, granskning, övervakning, m.m.',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 39 kap. 1 §',
    title: 'Personalsocial verksamhet',
    chapterTitle: 'Sekretess till skydd för enskild i personaladministrativ verksamhet',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 39 kap. 2 §',
    title: 'Personaladministrativ verksamhet i övrigt',
    chapterTitle: 'Sekretess till skydd för enskild i personaladministrativ verksamhet',
    source: 'SFS 2009:400',
  },
  {
    reference: 'OSL 39 kap. 3 §',
    title: 'Adresser, telefonnummer, m.m.',
    chapterTitle: 'Sekretess till skydd för enskild i personaladministrativ verksamhet',
    source: 'SFS 2009:400',
  },
];
