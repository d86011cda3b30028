/**
 * One hand-written PDF with the cases a masked copy must survive. Secrets are ASCII so a raw byte
 * search is meaningful; PUBLIC strings must stay searchable in the masked copy.
 */
import { appendRevision, rawPdf, type RawObject } from './raw-pdf';

export const TERM_SECRETS = ['Anna Svensson', 'Hemligsson', 'Konfidentiell', 'Osynligsson', 'Doldsson', 'Roterad Hemlis'] as const;
/** Never masked, but must not survive because of where they live. */
export const STRUCTURAL_SECRETS = [
  'AnnotHemlis',
  'FriTextHemlis',
  'FaltHemlis',
  'InfoHemlis',
  'InfoForfattare',
  'XmpHemlis',
  'BokmarkeHemlis',
  'BilagaHemlis',
  'JsHemlis',
  'LagerHemlis',
  'RevisionHemlis',
  'https://hemlig.example/lank',
] as const;
export const PUBLIC_TEXT = [
  'Offentlig text pa sidan ett',
  'Publik rad',
  'Offentlig text pa sidan tva',
  'Offentlig text pa sidan tre',
  'Reviderad offentlig text',
] as const;
/** The Type3 glyph run (no ToUnicode) on page 3 and the box that masks it (display points). */
export const TYPE3_BOX = { page: 3, x: 66, y: 118, w: 120, h: 30, ground: 'OSL 21 kap. 3 §' };
/** A box on the image-only page 4. */
export const SCAN_BOX = { page: 4, x: 100, y: 150, w: 250, h: 120, ground: 'OSL 21 kap. 3 §' };
/** The original images' pixel sizes, which must not appear in the masked copy. */
export const ORIGINAL_IMAGE_SIZES = ['8x8', '300x400'];

const text = (font: string, x: number, y: number, s: string, extra = '') => `BT ${extra} /${font} 12 Tf ${x} ${y} Td (${s}) Tj ET\n`;

function page1(): string {
  const spaced = [...'Anna Svensson']
    .map((c) => (c === ' ' ? '' : `(${c})`))
    .filter(Boolean)
    .join(' -400 ');
  const letters = [...'Hemligsson'].map((c, i) => `${i === 0 ? '' : '8 0 Td '}(${c}) Tj`).join(' ');
  return [
    text('F1', 72, 780, 'Offentlig text pa sidan ett'),
    text('F1', 72, 750, 'Kontaktperson: Anna Svensson'),
    `BT /F1 12 Tf 72 720 Td [${spaced}] TJ ET\n`, // odd spacing
    'BT /F1 12 Tf 72 690 Td (Handlaggare ) Tj (H) Tj (e) Tj (m) Tj (l) Tj (i) Tj (g) Tj (s) Tj (s) Tj (o) Tj (n) Tj ET\n', // one run per letter
    `BT /F1 12 Tf 72 660 Td ${letters} ET\n`, // one positioned run per letter
    'BT /F2 12 Tf 72 630 Td (Kon\\200dentiell uppgift) Tj ET\n', // fi ligature glyph
    text('F1', 72, 600, 'Osynligsson', '3 Tr'), // invisible text
    text('F1', 72, 570, 'Publik rad'),
    text('F1', 72, 520, 'Doldsson'),
    'q 120 0 0 24 66 514 cm /Im1 Do Q\n', // an opaque image over the text
    `/OC /oc1 BDC ${text('F1', 72, 470, 'LagerHemlis')}EMC\n`, // hidden layer
  ].join('');
}

export function nastyPdf(): Uint8Array {
  const grayImage = new Uint8Array(8 * 8 * 3).fill(128);
  const scan = new Uint8Array(300 * 400);
  for (let i = 0; i < scan.length; i++) scan[i] = (i * 7919) % 251; // a noisy "scanned" page
  const objects: Record<number, RawObject> = {
    1: '<< /Type /Catalog /Pages 2 0 R /Outlines 20 0 R /AcroForm << /Fields [30 0 R] >> /Names << /EmbeddedFiles 40 0 R /JavaScript 45 0 R >> /OpenAction 46 0 R /OCProperties << /OCGs [50 0 R] /D << /OFF [50 0 R] >> >> /Metadata 60 0 R /PageMode /UseOutlines >>',
    2: '<< /Type /Pages /Kids [10 0 R 11 0 R 12 0 R 13 0 R 14 0 R] /Count 5 >>',
    5: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    6: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 /fi] >> >>',
    7: '<< /Type /Font /Subtype /Type3 /FontBBox [0 0 750 750] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs 8 0 R /Encoding << /Type /Encoding /Differences [65 /g1 /g2 /g3] >> /FirstChar 65 /LastChar 67 /Widths [750 750 750] /Resources << >> >>',
    8: '<< /g1 91 0 R /g2 92 0 R /g3 93 0 R >>',
    91: { dict: '', stream: '750 0 0 0 700 700 d1 0 0 700 700 re f' },
    92: { dict: '', stream: '750 0 0 0 700 700 d1 0 0 350 700 re f' },
    93: { dict: '', stream: '750 0 0 0 700 700 d1 0 0 700 350 re f' },
    10: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 100 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /Im1 70 0 R >> /Properties << /oc1 50 0 R >> >> /Annots [80 0 R 81 0 R 82 0 R 30 0 R] >>',
    11: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate 90 /Contents 101 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    12: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 102 0 R /Resources << /Font << /F1 5 0 R /T3 7 0 R >> >> >>',
    13: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 103 0 R /Resources << /XObject << /Scan 71 0 R >> >> >>',
    14: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 104 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    100: { dict: '', stream: page1() },
    101: { dict: '', stream: text('F1', 72, 780, 'Offentlig text pa sidan tva') + text('F1', 72, 750, 'Roterad Hemlis finns har') },
    102: { dict: '', stream: text('F1', 72, 780, 'Offentlig text pa sidan tre') + 'BT /T3 24 Tf 72 700 Td (ABCCBA) Tj ET\n' },
    103: { dict: '', stream: 'q 595 0 0 842 0 0 cm /Scan Do Q\n' },
    104: { dict: '', stream: text('F1', 72, 780, 'RevisionHemlis') },
    20: '<< /Type /Outlines /First 21 0 R /Last 21 0 R /Count 1 >>',
    21: '<< /Title (BokmarkeHemlis) /Parent 20 0 R /Dest [10 0 R /Fit] >>',
    30: '<< /Type /Annot /Subtype /Widget /FT /Tx /T (namn) /V (FaltHemlis) /Rect [300 300 500 320] /P 10 0 R /F 4 /AP << /N 31 0 R >> >>',
    31: {
      dict: '/Type /XObject /Subtype /Form /BBox [0 0 200 20] /Resources << /Font << /F1 5 0 R >> >>',
      stream: 'BT /F1 12 Tf 2 5 Td (FaltHemlis) Tj ET',
    },
    40: '<< /Names [(bilaga.txt) 41 0 R] >>',
    41: '<< /Type /Filespec /F (bilaga.txt) /UF (bilaga.txt) /EF << /F 42 0 R >> >>',
    42: { dict: '/Type /EmbeddedFile', stream: 'BilagaHemlis' },
    45: '<< /Names [(start) 46 0 R] >>',
    46: "<< /S /JavaScript /JS (app.alert\\('JsHemlis'\\)) >>",
    50: '<< /Type /OCG /Name (Dolt lager) >>',
    60: {
      dict: '/Type /Metadata /Subtype /XML',
      stream:
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>XmpHemlis</dc:title></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>',
    },
    61: '<< /Title (InfoHemlis) /Author (InfoForfattare) /Producer (Nasty Producer) >>',
    70: { dict: '/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceRGB /BitsPerComponent 8', stream: grayImage },
    71: { dict: '/Type /XObject /Subtype /Image /Width 300 /Height 400 /ColorSpace /DeviceGray /BitsPerComponent 8', stream: scan },
    80: '<< /Type /Annot /Subtype /Text /Rect [400 700 420 720] /Contents (AnnotHemlis) /Open true >>',
    81: '<< /Type /Annot /Subtype /FreeText /Rect [300 600 500 640] /Contents (FriTextHemlis) /DA (/Helv 12 Tf 0 g) >>',
    82: '<< /Type /Annot /Subtype /Link /Rect [72 770 300 790] /A << /S /URI /URI (https://hemlig.example/lank) >> >>',
  };
  const first = rawPdf(objects, '/Root 1 0 R /Info 61 0 R');
  // The second revision replaces page 5's text; the first revision's stream stays in the file.
  return appendRevision(first, { 104: { dict: '', stream: text('F1', 72, 780, 'Reviderad offentlig text') } }, '/Root 1 0 R /Info 61 0 R');
}
