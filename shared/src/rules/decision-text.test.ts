import { describe, expect, it } from 'vitest';
import { citeProvision, decisionText, type DecisionBlock, type DecisionTextInput } from './decision-text';

const input = (o: Partial<DecisionTextInput> = {}): DecisionTextInput => ({
  authorityName: 'Exempelkommun',
  decidingBody: 'Kommunstyrelsen',
  caseNumber: 'KS 2026-00012',
  decisionDate: '2026-02-05',
  requesterName: 'Journalist Jonsson',
  anonymous: false,
  receivedDate: '2026-02-04',
  description: 'Handlingarna om skolskjutsen.',
  decision: 'partial_release',
  items: [
    { label: 'KS 2026-00042-1 Tjänsteskrivelse', review: 'release', grounds: [] },
    { label: 'KS 2026-00042-2 Skrivelse från vårdnadshavare', review: 'release_masked', grounds: ['OSL 21 kap. 3 §', 'OSL 26 kap. 1 §'] },
    { label: 'KS 2026-00042-3 Utredning', review: 'refuse', grounds: ['OSL 26 kap. 1 §'] },
  ],
  legalGrounds: [
    { code: 'OSL 21 kap. 3 §', text: 'Förföljda personer, m.m. – Adress, telefon, m.m.' },
    { code: 'OSL 26 kap. 1 §', text: 'Socialtjänst och därmed jämställd verksamhet' },
  ],
  decidedByName: 'Anna Lind',
  ...o,
});

const all = (blocks: DecisionBlock[]) => blocks.map((b) => (b.kind === 'list' ? b.items.join('\n') : b.text)).join('\n');
const section = (blocks: DecisionBlock[], heading: string) => {
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.text === heading);
  const end = blocks.findIndex((b, i) => i > start && b.kind === 'heading');
  return blocks.slice(start + 1, end < 0 ? undefined : end);
};

describe('decision text', () => {
  it('names the deciding body, not the municipality, as the one who decides and receives an appeal', () => {
    for (const decision of ['partial_release', 'refusal'] as const) {
      const text = decisionText(input({ decision }));
      const body = all(text.blocks);
      expect(body).toMatch(/Kommunstyrelsen (beslutar|avslår)/);
      expect(body).toContain('skickas eller lämnas till Kommunstyrelsen');
      expect(body).not.toContain('Exempelkommun');
      expect(text.meta[0]).toBe('Exempelkommun');
    }
  });

  it('cites OSL provisions in full', () => {
    expect(citeProvision('OSL 21 kap. 3 §')).toBe('21 kap. 3 § offentlighets- och sekretesslagen (2009:400)');
    expect(citeProvision('TF 2 kap. 18 §')).toBe('TF 2 kap. 18 §');
  });

  it('a partial release says what was asked, what is withheld on which ground, with the ground texts', () => {
    const text = decisionText(input());
    expect(text.title).toBe('Beslut om delvis avslag på begäran att ta del av allmän handling');
    expect(text.meta).toEqual(['Exempelkommun', 'Kommunstyrelsen', 'Datum: 2026-02-05', 'Diarienummer: KS 2026-00012']);
    expect(all(section(text.blocks, 'Begäran'))).toContain(
      'Journalist Jonsson begärde den 2026-02-04 att få ta del av allmänna handlingar: Handlingarna om skolskjutsen.',
    );
    expect(section(text.blocks, 'Beslut').at(-1)).toEqual({
      kind: 'list',
      items: [
        'KS 2026-00042-1 Tjänsteskrivelse – lämnas ut i sin helhet.',
        'KS 2026-00042-2 Skrivelse från vårdnadshavare – lämnas ut med de uppgifter maskerade som omfattas av sekretess (OSL 21 kap. 3 §, OSL 26 kap. 1 §).',
        'KS 2026-00042-3 Utredning – lämnas inte ut (OSL 26 kap. 1 §).',
      ],
    });
    // Each ground once, in full, with what it protects.
    expect(section(text.blocks, 'Skäl för beslutet')).toContainEqual({
      kind: 'list',
      items: [
        '21 kap. 3 § offentlighets- och sekretesslagen (2009:400): Förföljda personer, m.m. – Adress, telefon, m.m.',
        '26 kap. 1 § offentlighets- och sekretesslagen (2009:400): Socialtjänst och därmed jämställd verksamhet.',
      ],
    });
  });

  it('tells how to appeal: kammarrätten, lodged with the authority within three weeks, and what to write', () => {
    const appeal = all(section(decisionText(input()).blocks, 'Hur man överklagar'));
    expect(appeal).toContain('kammarrätten (6 kap. 7 och 8 §§ offentlighets- och sekretesslagen (2009:400))');
    expect(appeal).toContain('skickas eller lämnas till Kommunstyrelsen, inte till kammarrätten');
    expect(appeal).toContain('inom tre veckor från den dag då du fick del av beslutet');
    expect(appeal).toContain('44 § förvaltningslagen (2017:900)');
    expect(appeal).toContain('diarienummer KS 2026-00012');
    expect(appeal).toContain('hur du anser att beslutet ska ändras och varför');
  });

  it('a refusal of an anonymous request names no one and refuses all', () => {
    const text = decisionText(
      input({
        anonymous: true,
        requesterName: '',
        decision: 'refusal',
        items: [{ label: 'KS 2026-00042-3 Utredning', review: 'refuse', grounds: ['OSL 99 kap. 9 §'] }],
      }),
    );
    expect(text.title).toBe('Beslut om avslag på begäran att ta del av allmän handling');
    expect(all(text.blocks)).toContain('En enskild som har valt att vara anonym begärde');
    expect(all(text.blocks)).toContain('Kommunstyrelsen avslår begäran.');
    // A ground missing from the register's list is still cited, without a text.
    expect(all(text.blocks)).toContain('99 kap. 9 § offentlighets- och sekretesslagen (2009:400).');
    expect(text.blocks.at(-2)).toEqual({ kind: 'paragraph', text: 'Anna Lind' });
  });
});
