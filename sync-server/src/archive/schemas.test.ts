import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildArendehantering,
  buildErms,
  buildFgsSip,
  buildRepresentationMets,
  buildRootMets,
  type PackageFile,
} from '../../../shared/src/archive';
import { SAMPLE_HEADER, sampleArchiveContent } from '../../../shared/src/testing/archive-samples';
import { SCHEMAS_DIR, SCHEMA_OF, validateXml, type SchemaKind } from './xmllint';

/**
 * The schema copies are the ones PROVENANCE.md names (a changed copy would change what
 * "validates" means), and the builders' output validates against them with xmllint: a builder
 * that breaks its schema fails here, before any package is written.
 */

describe('schema copies', () => {
  it('match the SHA-256 prefixes their PROVENANCE.md gives', () => {
    const provenance = readFileSync(path.join(SCHEMAS_DIR, 'PROVENANCE.md'), 'utf8');
    const rows = [...provenance.matchAll(/^\| `([^`]+\.xsd)`[^|]*\|[^|]*\| ([0-9a-f]{16}) \|$/gm)];
    expect(rows.length).toBe(9);
    for (const [, file, prefix] of rows) {
      const sha = createHash('sha256')
        .update(readFileSync(path.join(SCHEMAS_DIR, file!)))
        .digest('hex');
      expect(sha.slice(0, 16), file).toBe(prefix);
    }
  });
});

describe('builders against the schemas (xmllint)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'diarium-archive-xsd-'));
  const file = (p: string): PackageFile => ({
    path: p,
    size: 1,
    sha256: 'c'.repeat(64),
    mimeType: 'text/xml',
    created: SAMPLE_HEADER.createdAt,
  });
  const cases: [string, SchemaKind, () => string][] = [
    ['ERMS.xml', 'erms', () => buildErms(sampleArchiveContent('fgs2'), SAMPLE_HEADER)],
    [
      'ERMS-documents.xml',
      'erms',
      () => {
        const c = sampleArchiveContent('fgs2');
        if (c.kind !== 'cases') throw new Error('sample');
        return buildErms({ ...c, kind: 'documents', documents: c.cases[0]!.documents }, SAMPLE_HEADER);
      },
    ],
    ['arendehantering.xml', 'arendehantering', () => buildArendehantering(sampleArchiveContent('fgs1'))],
    ['rep-METS.xml', 'csipMets', () => buildRepresentationMets(SAMPLE_HEADER, [file('representations/rep1/data/a/1-v1-a.pdf')])],
    [
      'METS.xml',
      'csipMets',
      () =>
        buildRootMets(SAMPLE_HEADER, {
          descriptive: file('metadata/descriptive/ERMS.xml'),
          preservation: [file('metadata/preservation/actor-register.json'), file('metadata/preservation/checkpoints.json')],
          schemas: [file('schemas/ERMS.xsd')],
          representationMets: file('representations/rep1/METS.xml'),
        }),
    ],
    ['sip.xml', 'fgsSip', () => buildFgsSip(SAMPLE_HEADER, [file('content/arendehantering.xml'), file('content/files/a.pdf')])],
  ];

  it.each(cases)('%s validates', async (name, kind, build) => {
    const f = path.join(dir, name);
    writeFileSync(f, build());
    const r = await validateXml(f, kind);
    expect(r.valid, r.output).toBe(true);
    expect(r.output).toBe(`${f} validates`);
  });

  it("reports a document out of schema with xmllint's own message", async () => {
    const f = path.join(dir, 'broken.xml');
    writeFileSync(f, buildErms(sampleArchiveContent('fgs2'), SAMPLE_HEADER).replace('<status value="closed"/>', '<status value="shut"/>'));
    const r = await validateXml(f, 'erms');
    expect(r.valid).toBe(false);
    expect(r.output).toMatch(/'shut' is not an element of the set/);
    expect(Object.keys(SCHEMA_OF)).toEqual(['erms', 'csipMets', 'arendehantering', 'fgsSip']);
  });
});
