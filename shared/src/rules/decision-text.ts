import type { LegalGroundOption } from '../model/restriction';
import type { ReviewOutcome } from '../model/request';

/**
 * The written decision (beslut) on a request for official documents that is refused in part or
 * in full: what was asked for, what is withheld on which provision of Offentlighets- och
 * sekretesslagen (2009:400), and how to appeal (överklagandehänvisning: OSL 6 kap. 7–8 §§,
 * förvaltningslagen (2017:900) 44 §). Pure: returns structured paragraphs for any renderer.
 */

export interface DecisionTextItem {
  /** The record's number and title as the register shows them, e.g. "KS 2026-00042-3 Synpunkt på cykelbanor". */
  label: string;
  review: Exclude<ReviewOutcome, 'pending'>;
  grounds: readonly string[];
}

export interface DecisionTextInput {
  /** The municipality (or other authority) whose register it is, for the letterhead. */
  authorityName: string;
  /** The body that decides and to which an appeal is sent: the register's board ("Kommunstyrelsen"). */
  decidingBody: string;
  /** Diarienummer of the case the request is handled in. */
  caseNumber: string;
  decisionDate: string;
  requesterName: string;
  anonymous: boolean;
  receivedDate: string;
  description: string;
  decision: 'partial_release' | 'refusal';
  items: readonly DecisionTextItem[];
  /** The register's list of legal grounds, for the text of each provision. */
  legalGrounds: readonly LegalGroundOption[];
  /** Who decided, as signed. */
  decidedByName: string;
}

export type DecisionBlock = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

export interface DecisionText {
  title: string;
  /** Reference lines at the top: authority, date, case number. */
  meta: string[];
  blocks: DecisionBlock[];
}

const OSL = 'offentlighets- och sekretesslagen (2009:400)';

/** "OSL 21 kap. 3 §" → "21 kap. 3 § offentlighets- och sekretesslagen (2009:400)"; other forms kept as written. */
export function citeProvision(code: string): string {
  const m = /^OSL\s+(.+)$/.exec(code.trim());
  return m ? `${m[1]} ${OSL}` : code.trim();
}

function outcomeText(item: DecisionTextItem): string {
  const grounds = item.grounds.join(', ');
  switch (item.review) {
    case 'release':
      return `${item.label} – lämnas ut i sin helhet.`;
    case 'release_masked':
      return `${item.label} – lämnas ut med de uppgifter maskerade som omfattas av sekretess (${grounds}).`;
    case 'refuse':
      return `${item.label} – lämnas inte ut (${grounds}).`;
  }
}

/** Every ground used, once, in the order first named, with the register's text for it. */
function groundLines(items: readonly DecisionTextItem[], legalGrounds: readonly LegalGroundOption[]): string[] {
  const used = [...new Set(items.flatMap((i) => i.grounds))];
  const text = new Map(legalGrounds.map((g) => [g.code, g.text]));
  return used.map((code) => {
    const about = text.get(code)?.trim();
    const line = about ? `${citeProvision(code)}: ${about}` : citeProvision(code);
    return line.endsWith('.') ? line : `${line}.`;
  });
}

export function decisionText(input: DecisionTextInput): DecisionText {
  const partial = input.decision === 'partial_release';
  const requester = input.anonymous ? 'En enskild som har valt att vara anonym' : input.requesterName.trim();
  const blocks: DecisionBlock[] = [
    { kind: 'heading', text: 'Begäran' },
    {
      kind: 'paragraph',
      text: `${requester} begärde den ${input.receivedDate} att få ta del av allmänna handlingar: ${input.description.trim()}`,
    },
    { kind: 'paragraph', text: 'Begäran avser följande handlingar:' },
    { kind: 'list', items: input.items.map((i) => i.label) },
    { kind: 'heading', text: 'Beslut' },
    {
      kind: 'paragraph',
      text: partial
        ? `${input.decidingBody} beslutar att lämna ut handlingarna med de undantag som anges nedan. Uppgifter som omfattas av sekretess har maskerats i de kopior som lämnas ut; handlingar som omfattas av sekretess i sin helhet lämnas inte ut.`
        : `${input.decidingBody} avslår begäran. Handlingarna lämnas inte ut.`,
    },
    { kind: 'list', items: input.items.map(outcomeText) },
    { kind: 'heading', text: 'Skäl för beslutet' },
    {
      kind: 'paragraph',
      text:
        'Var och en har rätt att ta del av allmänna handlingar (2 kap. 1 § tryckfrihetsförordningen). Rätten får begränsas genom bestämmelser i lag (2 kap. 2 § tryckfrihetsförordningen). ' +
        `De uppgifter som inte lämnas ut omfattas av sekretess enligt följande bestämmelser i ${OSL}:`,
    },
    { kind: 'list', items: groundLines(input.items, input.legalGrounds) },
    {
      kind: 'paragraph',
      text: partial
        ? `${input.decidingBody} har prövat om uppgifterna kan lämnas ut och bedömt att det inte kan ske utan att de skyddade intressena lider skada eller men. Övriga delar lämnas ut.`
        : `${input.decidingBody} har prövat om uppgifterna kan lämnas ut, helt eller delvis, och bedömt att det inte kan ske utan att de skyddade intressena lider skada eller men.`,
    },
    ...appealBlocks(input),
  ];
  return {
    title: partial
      ? 'Beslut om delvis avslag på begäran att ta del av allmän handling'
      : 'Beslut om avslag på begäran att ta del av allmän handling',
    meta: [input.authorityName, input.decidingBody, `Datum: ${input.decisionDate}`, `Diarienummer: ${input.caseNumber}`],
    blocks: [...blocks, { kind: 'paragraph', text: input.decidedByName.trim() }, { kind: 'paragraph', text: input.decidingBody }],
  };
}

/** Överklagandehänvisning: to whom, where to lodge it, by when and what it should say. */
function appealBlocks(input: DecisionTextInput): DecisionBlock[] {
  return [
    { kind: 'heading', text: 'Hur man överklagar' },
    { kind: 'paragraph', text: `Beslutet kan överklagas till kammarrätten (6 kap. 7 och 8 §§ ${OSL}).` },
    {
      kind: 'paragraph',
      text:
        `Överklagandet ska vara skriftligt och skickas eller lämnas till ${input.decidingBody}, inte till kammarrätten. ` +
        'Det ska ha kommit in inom tre veckor från den dag då du fick del av beslutet; annars kan det inte prövas (44 § förvaltningslagen (2017:900)). ' +
        `${input.decidingBody} skickar överklagandet vidare till kammarrätten om beslutet inte ändras.`,
    },
    { kind: 'paragraph', text: 'Skriv i överklagandet:' },
    {
      kind: 'list',
      items: [
        `vilket beslut som överklagas, till exempel genom att ange diarienummer ${input.caseNumber} och beslutets datum,`,
        'hur du anser att beslutet ska ändras och varför,',
        'hur vi och kammarrätten kan nå dig, om du vill få besked om överklagandet.',
      ],
    },
  ];
}
