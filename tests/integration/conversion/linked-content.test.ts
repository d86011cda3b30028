import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversionService } from '../../../sync-server/src/conversion/conversion.service';
import { silentLogger } from '../../../sync-server/src/logger';
import { makeOfficeFiles, pdfChecks, pdfText, removeFiles, tool, type OfficeFiles } from './tools';

/*
 * An uploaded document is untrusted: one whose pictures are links (to a URL inside the network,
 * or to a file on the server) must not make the server fetch them while converting — no request
 * reaches the linked address and nothing of the server's disk ends up in the PDF.
 */
const ODT = 'application/vnd.oasis.opendocument.text';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let files: OfficeFiles;
let work: string;
let service: ConversionService;
let listener: Server;
const requests: string[] = [];

/** An ODT package (mimetype stored first, as ODF requires) whose two pictures are links. */
function odtLinking(remote: string, local: string): Buffer {
  const frame = (href: string) =>
    `<draw:frame text:anchor-type="as-char" svg:width="3cm" svg:height="2cm"><draw:image xlink:href="${href}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame>`;
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2"><office:body><office:text><text:p>Länkade bilder zqlankar ${frame(remote)} ${frame(local)}</text:p></office:text></office:body></office:document-content>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="${ODT}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  return Buffer.from(
    zipSync({ mimetype: [strToU8(ODT), { level: 0 }], 'content.xml': strToU8(content), 'META-INF/manifest.xml': strToU8(manifest) }),
  );
}

/** A Word package whose one picture is an external relationship (`TargetMode="External"`, `a:blip r:link`). */
function docxLinking(href: string): Buffer {
  const picture = `<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="Bild 1"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:link="rId1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="720000" cy="720000"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic>`;
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body><w:p><w:r><w:t>Länkad bild zqlankar</w:t></w:r><w:r><w:drawing><wp:inline><wp:extent cx="720000" cy="720000"/><wp:docPr id="1" name="Bild 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">${picture}</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p></w:body></w:document>`;
  const rels = (body: string) =>
    strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`,
    );
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      '_rels/.rels': rels(
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>',
      ),
      'word/document.xml': strToU8(document),
      'word/_rels/document.xml.rels': rels(
        `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${href}" TargetMode="External"/>`,
      ),
    }),
  );
}

beforeAll(async () => {
  tool('soffice');
  files = await makeOfficeFiles();
  work = mkdtempSync(path.join(tmpdir(), 'diarium-conv-links-'));
  service = new ConversionService({ workDir: path.join(work, 'service'), log: silentLogger });
  listener = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(files.png);
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await service?.close();
  await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
  removeFiles(files);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('linked content in an uploaded document', () => {
  it('is not fetched: no request to the linked URL, no picture from the server’s disk in the PDF', async () => {
    const { port } = listener.address() as AddressInfo;
    const localPicture = path.join(files.dir, 'sida.png');
    expect(readFileSync(localPicture).length).toBeGreaterThan(0);
    const result = await service.convertToPdfA(
      odtLinking(`http://127.0.0.1:${port}/intern.png`, `file://${localPicture}`),
      ODT,
      'lankar.odt',
    );
    if (!result.ok) throw new Error(`conversion refused: ${result.reason}`);
    expect(pdfText(result.pdf, work)).toContain('zqlankar');
    expect(requests).toEqual([]);
    const images = pdfChecks(result.pdf, work).images.trimEnd().split('\n').slice(2);
    expect(images).toEqual([]);
  });
});

describe('an external picture in a Word file', () => {
  it('is not fetched either', async () => {
    const { port } = listener.address() as AddressInfo;
    requests.length = 0;
    const result = await service.convertToPdfA(docxLinking(`http://127.0.0.1:${port}/word.png`), DOCX, 'lank.docx');
    if (!result.ok) throw new Error(`conversion refused: ${result.reason}`);
    expect(pdfText(result.pdf, work)).toContain('zqlankar');
    expect(requests).toEqual([]);
    expect(pdfChecks(result.pdf, work).images.trimEnd().split('\n').slice(2)).toEqual([]);
  });
});
