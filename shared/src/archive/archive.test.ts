import { describe, expect, it } from 'vitest';
import { sampleArchiveContent, NASTY_TITLE, SAMPLE_HEADER } from '../testing/archive-samples';
import { sampleCase, sampleDocument } from '../testing/samples';
import {
  buildArendehantering,
  buildErms,
  buildFgsSip,
  buildRootMets,
  buildRepresentationMets,
  coveringCheckpoints,
  ermsDirection,
  escapeAttr,
  escapeText,
  fgsCaseStatus,
  fgsDocumentStatus,
  fgsRestrictionType,
  ermsRestrictionType,
  safeName,
  disposalPeriodText,
  partyName,
  type PackageFile,
} from '.';
import { sampleAudit, sampleParty } from '../testing/samples';

/** Positions of each name in the text, in the order given; fails if one is missing or out of order. */
function expectInOrder(xml: string, names: readonly string[]): void {
  let at = -1;
  for (const n of names) {
    const i = xml.indexOf(n, at + 1);
    expect(i, `${n} after position ${at}`).toBeGreaterThan(at);
    at = i;
  }
}

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

const file = (path: string, mimeType = 'text/xml'): PackageFile => ({
  path,
  size: 10,
  sha256: 'b'.repeat(64),
  mimeType,
  created: SAMPLE_HEADER.createdAt,
});

describe('XML escaping', () => {
  it('escapes markup and both quotes, replaces characters XML forbids', () => {
    expect(escapeText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(escapeAttr(`"x" 'y'`)).toBe('&quot;x&quot; &apos;y&apos;');
    expect(escapeText('a\u0001b\u001Fc\uFFFEd')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    // A lone surrogate is not a character; a pair is.
    expect(escapeText('x\uD800y')).toBe('x\uFFFDy');
    expect(escapeText('😀')).toBe('😀');
    // Whitespace survives attribute normalisation as references.
    expect(escapeAttr('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });

  it('gives documents without forbidden characters whatever the titles hold', () => {
    for (const xml of [buildErms(sampleArchiveContent('fgs2'), SAMPLE_HEADER), buildArendehantering(sampleArchiveContent('fgs1'))]) {
      expect(xml).not.toMatch(FORBIDDEN);
      expect(xml).toContain('Bygglov &lt;Storgatan 1&gt; &amp; "A" \'B\' \uFFFD\uFFFD\uFFFD slut');
      expect(xml).not.toContain(NASTY_TITLE);
    }
  });
});

describe('CITS ERMS (FGS 2.0)', () => {
  const xml = buildErms(sampleArchiveContent('fgs2'), SAMPLE_HEADER);

  it('holds the case as a caseFile aggregation of records, in schema order', () => {
    expect(xml).toContain('<erms xmlns="https://DILCIS.eu/XML/ERMS">');
    expectInOrder(xml, [
      '<control>',
      '<maintenanceInformation>',
      '</control>',
      '<aggregations>',
      '<aggregation aggregationType="caseFile" systemIdentifier="case-1">',
    ]);
    expectInOrder(xml, [
      '<objectId>KS 2026-00042</objectId>',
      '<classification classificationCode="1.1.3">Bygglov',
      '<title>',
      '<status value="closed"/>',
      '<restriction',
      '<agents>',
      '<dates>',
      '<record ',
    ]);
    expectInOrder(xml, [
      '<objectId>KS 2026-00042-1</objectId>',
      '<title>',
      '<status value="received"/>',
      '<restriction',
      '<disposal',
      '<direction directionDefinition="incoming"/>',
      '<agents>',
      '<dates>',
      '<additionalInformation>',
      '<appendix',
    ]);
  });

  it('makes direction explicit and keeps every restriction with its regulation', () => {
    expect(xml).toContain('<direction directionDefinition="incoming"/>');
    expect(xml).toContain('<direction directionDefinition="outgoing"/>');
    expect(ermsDirection('created')).toEqual({ directionDefinition: 'other', otherDirectionDefinition: 'created' });
    expect(xml).toMatch(
      /<restriction restrictionType="confidential">\s*<explanatoryText>[^<]+<\/explanatoryText>\s*<regulation>OSL 26 kap\. 1 §<\/regulation>/,
    );
    expect(xml).toMatch(
      /<restriction restrictionType="integrity">\s*<explanatoryText>Skyddad uppgift: sender<\/explanatoryText>\s*<regulation>OSL 21 kap\. 3 §/,
    );
    expect(xml).toMatch(
      /<restriction restrictionType="other_type" otherRestrictionType="Annan begränsning">\s*<explanatoryText>Begränsad fil: Ansökan åäö\.pdf/,
    );
  });

  it('names files by their package path and shows parties as projected', () => {
    expect(xml).toContain(
      '<appendix name="Ansökan åäö.pdf" path="representations/rep1/data/KS_2026-00042/KS_2026-00042-1/1-v1-Ansokan_aao.pdf"',
    );
    expect(xml).toMatch(
      /<agent agentType="sender">\s*<name>Anna Andersson<\/name>\s*<protectedIdentity>true<\/protectedIdentity>\s*<\/agent>/,
    );
    expect(xml).toMatch(/<agent agentType="counterpart">\s*<name>Skyddad uppgift<\/name>\s*<\/agent>/);
    expect(xml).toContain('556000-0000');
  });

  it('says an annulled record is annulled, with the reason, and gives the disposal rule', () => {
    expect(xml).toContain('<status value="obliterated"/>');
    expect(xml).toContain('Makulerad: Registrerad av misstag');
    expect(xml).toMatch(
      /<disposal disposable="true">\s*<disposalAction>Gallras<\/disposalAction>\s*<disposalPeriod>10 år efter ärendets avslutande<\/disposalPeriod>/,
    );
    expect(xml).toContain('<disposalDate dateType="disposal_date">2036-05-04T00:00:00</disposalDate>');
  });

  it('puts free-standing documents under records', () => {
    const content = sampleArchiveContent('fgs2');
    if (content.kind !== 'cases') throw new Error('sample');
    const docs = buildErms({ ...content, kind: 'documents', documents: content.cases[0]!.documents }, SAMPLE_HEADER);
    expectInOrder(docs, ['</control>', '<records>', '<record ', '</records>']);
    expect(docs).not.toContain('<aggregation');
  });
});

describe('FGS Ärendehantering 1.0 (FGS 1.x)', () => {
  const xml = buildArendehantering(sampleArchiveContent('fgs1'));

  it('orders the case elements as the schema fixes them, number as ArkivobjektID', () => {
    expect(xml).toContain('<Leveransobjekt xmlns="http://xml.ra.se/e-arkiv/FGS-ERMS">');
    expectInOrder(xml, [
      '<ArkivobjektArende Systemidentifierare="case-1">',
      '<ArkivobjektID>KS 2026-00042</ArkivobjektID>',
      '<Avslutat>2026-05-04</Avslutat>',
      '<Agent>',
      '<Klass>1.1.3</Klass>',
      '<Restriktion Typ="Sekretess">',
      '<Motpart>',
      '<Skapad>2026-02-01</Skapad>',
      '<StatusArande>Stängt</StatusArande>',
      '<Arendemening>',
      '<ArkivobjektListaHandlingar>',
    ]);
    expectInOrder(xml, [
      '<ArkivobjektID>KS 2026-00042-1</ArkivobjektID>',
      '<Handlingstyp>Ansökan</Handlingstyp>',
      '<Avsandare>',
      '<Gallring Gallras="false">',
      '<Agent>',
      '<Inkommen>2026-02-01</Inkommen>',
      '<Lopnummer>1</Lopnummer>',
      '<Rubrik>',
      '<Skapad>',
      '<StatusHandling>Inkommen</StatusHandling>',
      '<Restriktion Typ="Integritet">',
      '<Restriktion Typ="Annan typ">',
      '<Bilaga ',
    ]);
  });

  it('has no direction element and dates without zone', () => {
    expect(xml).not.toMatch(/<Riktning|direction/i);
    for (const m of xml.matchAll(/<(Inkommen|Expedierad|Skapad|Avslutat|Upprattad)>([^<]*)</g)) expect(m[2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The outgoing decision names its recipient, the incoming letter its sender.
    expectInOrder(xml, [
      '<ArkivobjektID>KS 2026-00042-2</ArkivobjektID>',
      '<Expedierad>2026-05-03</Expedierad>',
      '<Mottagare>',
      '<Namn>Bygg &amp; Co AB</Namn>',
      '<Notering>Makulerad: Registrerad av misstag</Notering>',
    ]);
  });

  it('links each file with its checksum and method', () => {
    expect(xml).toContain(
      `<Bilaga Namn="Ansökan åäö.pdf" Beskrivning="Version 1" Lank="content/files/KS_2026-00042/KS_2026-00042-1/1-v1-Ansokan_aao.pdf" Storlek="1234" Mimetyp="application/pdf" Checksumma="${'a'.repeat(64)}" ChecksummaMetod="SHA-256"/>`,
    );
    expect(xml).toMatch(
      /<Restriktion Typ="Annan typ">\s*<ForklarandeText>Begränsad fil: Ansökan åäö\.pdf<\/ForklarandeText>\s*<Lagrum>OSL 18 kap\. 8 §<\/Lagrum>/,
    );
  });
});

describe('value mappings', () => {
  it('maps restriction kinds to both vocabularies', () => {
    expect((['secrecy', 'privacy', 'other'] as const).map(fgsRestrictionType)).toEqual(['Sekretess', 'Integritet', 'Annan typ']);
    expect((['secrecy', 'privacy', 'other'] as const).map(ermsRestrictionType)).toEqual(['confidential', 'integrity', 'other_type']);
  });

  it('maps case and document statuses to the FGS value lists', () => {
    expect((['registered_unchecked', 'registered', 'closed', 'archived', 'annulled'] as const).map(fgsCaseStatus)).toEqual([
      'Öppet',
      'Öppet',
      'Stängt',
      'Stängt',
      'Makulerat',
    ]);
    const d = (direction: 'incoming' | 'outgoing' | 'created', status: 'registered' | 'draft' | 'annulled' = 'registered') =>
      fgsDocumentStatus(sampleDocument({ direction, status }));
    expect([d('incoming'), d('outgoing'), d('created'), d('created', 'draft'), d('incoming', 'annulled')]).toEqual([
      'Inkommen',
      'Expedierad',
      'Upprättad',
      'Under arbete',
      null,
    ]);
    expect(sampleCase().status).toBe('registered');
  });

  it('words disposal periods', () => {
    expect(disposalPeriodText({ action: 'preserve', explanation: '' })).toBe('Bevaras');
    expect(disposalPeriodText({ action: 'dispose', periodYears: 2, trigger: 'end_of_registration_year', explanation: '' })).toBe(
      '2 år efter utgången av registreringsåret',
    );
    expect(disposalPeriodText({ action: 'dispose', periodYears: 0, trigger: 'on_obsolescence', explanation: '' })).toBe(
      'Gallras vid inaktualitet',
    );
  });

  it('says a withheld party name is withheld', () => {
    expect(partyName(sampleParty({ name: '', withheld: ['name'] }))).toBe('Skyddad uppgift');
    expect(partyName(sampleParty({ name: 'Bo' }))).toBe('Bo');
  });

  it('makes safe path segments', () => {
    expect(safeName('KS 2026-00042-3')).toBe('KS_2026-00042-3');
    expect(safeName('Ärende/../../etc åäö.pdf')).toBe('Arende_.._.._etc_aao.pdf');
    expect(safeName('...')).toBe('fil');
    expect(safeName('.hidden')).toBe('hidden');
  });
});

describe('METS', () => {
  it('CSIP root: profile, content type, package type, agents, ERMS as dmdSec, the representation by mptr', () => {
    const xml = buildRootMets(SAMPLE_HEADER, {
      descriptive: file('metadata/descriptive/ERMS.xml'),
      preservation: [file('metadata/preservation/actor-register.json', 'application/json')],
      schemas: [file('schemas/ERMS.xsd')],
      representationMets: file('representations/rep1/METS.xml'),
    });
    expect(xml).toContain('OBJID="KS-2026-12-07-arenden-fgs2-6f1c2d3e"');
    expect(xml).toContain('csip:CONTENTINFORMATIONTYPE="citserms_v2_1"');
    expect(xml).toContain('PROFILE="https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"');
    expect(xml).toContain('xmlns:csip="https://DILCIS.eu/XML/METS/CSIPExtensionMETS"');
    expect(xml).toContain('csip:OAISPACKAGETYPE="SIP"');
    expectInOrder(xml, [
      '<mets:metsHdr',
      '<mets:dmdSec',
      'xlink:href="metadata/descriptive/ERMS.xml"',
      '<mets:amdSec',
      '<mets:fileSec',
      'USE="Schemas"',
      'USE="Representations/rep1"',
      '<mets:structMap',
      '<mets:mptr',
    ]);
    expect(xml).toContain(`CHECKSUM="${'b'.repeat(64)}" CHECKSUMTYPE="SHA-256"`);
  });

  it('CSIP representation: data files relative to the representation', () => {
    const xml = buildRepresentationMets(SAMPLE_HEADER, [file('representations/rep1/data/a/b.pdf', 'application/pdf')]);
    expect(xml).toContain('xlink:href="data/a/b.pdf"');
    expect(xml).toContain('USE="Data"');
  });

  it('FGS sip.xml: three agents, an altRecordID, TYPE ERMS, every file with its checksum', () => {
    const xml = buildFgsSip(SAMPLE_HEADER, [file('content/arendehantering.xml'), file('content/files/a.pdf', 'application/pdf')]);
    expect(xml.match(/<agent /g)!.length).toBeGreaterThanOrEqual(3);
    expect(xml).toContain('<altRecordID TYPE="REFERENCECODE">');
    expect(xml).toMatch(
      /<mets [^>]*TYPE="ERMS"[^>]*PROFILE="http:\/\/xml\.ra\.se\/e-arkiv\/METS\/CommonSpecificationSwedenPackageProfile\.xml"/,
    );
    expect(xml).toMatch(/<metsHdr CREATEDATE="2026-12-07T09:00:00.000Z"/);
    expect(xml).toContain('xlink:href="file:///content/files/a.pdf"');
    expect(xml.match(/CHECKSUMTYPE="SHA-256"/g)).toHaveLength(2);
  });
});

describe('actor register checkpoints', () => {
  it('keeps the checkpoints at or past the highest packaged position of each register', () => {
    const entries = [sampleAudit({ registerId: 'r1', position: 5 }), sampleAudit({ registerId: 'r1', position: 9 })];
    const cp = (registerId: string, position: number) => ({ registerId, position, hash: 'h', at: 't', keyId: 'k', signature: 's' });
    expect(coveringCheckpoints(entries, [cp('r1', 8), cp('r1', 9), cp('r1', 12), cp('r2', 50)]).map((c) => c.position)).toEqual([9, 12]);
  });
});

describe('archival renditions', () => {
  /** The sample's first file as a Word file with a PDF/A beside it, its second as one that could not be converted. */
  function withRenditions(generation: 'fgs2' | 'fgs1') {
    const content = sampleArchiveContent(generation);
    const docs = content.kind === 'cases' ? content.cases.flatMap((c) => c.documents) : content.documents;
    const [first] = docs.flatMap((d) => d.files);
    first!.file = {
      ...first!.file,
      name: 'Yttrande.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    };
    first!.rendition = { kind: 'pdfa', path: `${first!.path}.pdf`, name: 'Yttrande.pdf', size: 99, sha256: 'b'.repeat(64) };
    const pptx = 'application/vnd.openxmlformats-officedocument.presentationml.presentation' as const;
    const other = {
      ...first!,
      file: { ...first!.file, id: 'file-pptx', name: 'Bilder.pptx', mediaType: pptx },
      path: first!.path.replace(/1-v1-[^/]*$/, '2-v1-Bilder.pptx'),
      rendition: { kind: 'none' as const, reason: 'filformatet kan inte konverteras' },
    };
    docs.find((d) => d.files.includes(first!))!.files.push(other);
    return { content, first: first!, other };
  }

  it('ERMS lists the PDF/A beside the original, with the original format, and notes a file not converted', () => {
    const { content, first, other } = withRenditions('fgs2');
    const xml = buildErms(content, SAMPLE_HEADER);
    expect(xml).toContain(`description="Version 1. Original; återgiven som PDF/A-2b i ${first.path}.pdf"`);
    expect(xml).toContain(
      `<appendix name="Yttrande.pdf" path="${first.path}.pdf" fileFormat="application/pdf" originalFileFormat="application/vnd.openxmlformats-officedocument.wordprocessingml.document"`,
    );
    expect(xml).toContain(
      `path="${other.path}" fileFormat="${other.file.mediaType}" description="Version ${other.file.fileVersion}. Kunde inte konverteras till PDF/A: filformatet kan inte konverteras"`,
    );
  });

  it('Ärendehantering links the PDF/A as a Bilaga of its own with its checksum', () => {
    const { content, first } = withRenditions('fgs1');
    const xml = buildArendehantering(content);
    expect(xml).toContain(`Lank="${first.path}.pdf" Storlek="99" Mimetyp="application/pdf" Checksumma="${'b'.repeat(64)}"`);
    expect(xml).toContain(`Beskrivning="Version 1. Original; återgiven som PDF/A-2b i ${first.path}.pdf"`);
  });
});
