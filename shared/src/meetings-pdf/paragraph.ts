/** One § as the minutes and the extracts print it: decision, vote, reservations, disqualifications. */
import type { PageFlow } from './flow';
import type { MinutesParagraph, VoteSummary } from './model';

const VOTE_WORDS = { yes: 'Ja', no: 'Nej', abstain: 'Avstår' } as const;

/** `Omröstningen gav 2 ja-röster, 2 nej-röster; 1 avstod. …` */
export function voteResultText(v: VoteSummary): string {
  const counts = `Omröstningen gav ${v.yes} ja-röster och ${v.no} nej-röster; ${v.abstain} avstod.`;
  const side = v.outcome === 'yes' ? 'ja' : 'nej';
  if (v.casting) return `${counts} Lika röstetal: ordförandens utslagsröst avgjorde till förmån för ${side}.`;
  return `${counts} ${v.outcome === 'yes' ? 'Ja' : 'Nej'} har vunnit.`;
}

function voteTable(flow: PageFlow, v: VoteSummary): void {
  flow.heading('Omröstning', 10.5, 60);
  flow.text('Ja för bifall till förslaget, nej för avslag.', { size: 9, grey: true, spaceAfter: 2 });
  flow.row(
    [
      { text: 'Ledamot', width: 260, bold: true },
      { text: 'Parti', width: 80, bold: true },
      { text: 'Röst', width: 80, bold: true },
    ],
    { size: 9.5, indent: 12 },
  );
  for (const line of v.lines)
    flow.row(
      [
        { text: line.name, width: 260 },
        { text: line.party, width: 80 },
        { text: VOTE_WORDS[line.vote], width: 80 },
      ],
      { size: 9.5, indent: 12, spaceAfter: 0 },
    );
  flow.gap(4);
  flow.text(voteResultText(v));
}

export function paragraphBlock(flow: PageFlow, p: MinutesParagraph): void {
  flow.gap(10);
  flow.heading(`${p.number}  ${p.title}`, 12, 60);
  if (p.caseNumber) flow.text(`Ärendenummer: ${p.caseNumber}`, { size: 10, grey: true });
  if (p.disqualified.length)
    flow.text(`Jäv: ${p.disqualified.join(', ')} deltar inte i handläggningen på grund av jäv.`, { size: 10, spaceAfter: 6 });
  if (p.decision.trim()) {
    flow.text('Beslut', { bold: true, spaceAfter: 2 });
    flow.text(p.decision);
  }
  if (p.vote) voteTable(flow, p.vote);
  for (const r of p.reservations) {
    flow.text(`Reservation: ${r.name} reserverar sig mot beslutet.`, { spaceAfter: r.text ? 2 : undefined });
    if (r.text) flow.text(r.text, { indent: 12 });
  }
}

/** `§ 101–§ 106` for the paragraphs of a part. */
export function paragraphRange(ps: readonly MinutesParagraph[]): string {
  if (ps.length === 0) return '';
  return ps.length === 1 ? ps[0]!.number : `${ps[0]!.number}–${ps[ps.length - 1]!.number}`;
}
