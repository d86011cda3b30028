import type { PackageFile, PackageHeader } from './model';
import { el, serializeXml, type XmlElement } from './xml';

/**
 * E-ARK CSIP/SIP 2.1.0 METS (FGS 2.0): the package's root `METS.xml` and the representation's
 * `representations/rep1/METS.xml`, as CSIP asks for a package with representations. Every file is
 * listed with its size, SHA-256 and MIME type; paths are relative to the METS file.
 */

const NS = {
  'xmlns:mets': 'http://www.loc.gov/METS/',
  'xmlns:xlink': 'http://www.w3.org/1999/xlink',
  'xmlns:csip': 'https://DILCIS.eu/XML/METS/CSIPExtensionMETS',
  'xmlns:sip': 'https://DILCIS.eu/XML/METS/SIPExtensionMETS',
};
export const SIP_PROFILE = 'https://earksip.dilcis.eu/profile/E-ARK-SIP.xml';
export const REPRESENTATION = 'representations/rep1';

/** An xs:ID from a running number (paths are not NCNames). */
function ids(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(4, '0')}`;
}

function relative(path: string, base: string): string {
  return base === '' ? path : path.slice(base.length + 1);
}

function fileAttrs(f: PackageFile, id: string): XmlElement['attrs'] {
  return { ID: id, MIMETYPE: f.mimeType, SIZE: f.size, CREATED: f.created, CHECKSUM: f.sha256, CHECKSUMTYPE: 'SHA-256' };
}

function flocat(href: string): XmlElement {
  return el('mets:FLocat', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': href });
}

function mdRef(f: PackageFile, base: string, mdType: { MDTYPE: string; OTHERMDTYPE?: string }): XmlElement {
  return el('mets:mdRef', {
    LOCTYPE: 'URL',
    'xlink:type': 'simple',
    'xlink:href': relative(f.path, base),
    ...mdType,
    MIMETYPE: f.mimeType,
    SIZE: f.size,
    CREATED: f.created,
    CHECKSUM: f.sha256,
    CHECKSUMTYPE: 'SHA-256',
  });
}

function header(h: PackageHeader): XmlElement {
  return el(
    'mets:metsHdr',
    { CREATEDATE: h.createdAt, RECORDSTATUS: 'NEW', 'csip:OAISPACKAGETYPE': 'SIP' },
    el(
      'mets:agent',
      { ROLE: 'CREATOR', TYPE: 'OTHER', OTHERTYPE: 'SOFTWARE' },
      el('mets:name', {}, h.softwareName),
      el('mets:note', { 'csip:NOTETYPE': 'SOFTWARE VERSION' }, h.softwareVersion),
    ),
    el('mets:agent', { ROLE: 'ARCHIVIST', TYPE: 'ORGANIZATION' }, el('mets:name', {}, h.authorityName)),
    el('mets:agent', { ROLE: 'OTHER', OTHERROLE: 'SUBMITTER', TYPE: 'ORGANIZATION' }, el('mets:name', {}, h.authorityName)),
  );
}

function root(h: PackageHeader, objectId: string, label: string, ...children: (XmlElement | null)[]): string {
  return serializeXml(
    el(
      'mets:mets',
      {
        ...NS,
        OBJID: objectId,
        LABEL: label,
        TYPE: 'Mixed',
        'csip:CONTENTINFORMATIONTYPE': 'citserms_v2_1',
        PROFILE: SIP_PROFILE,
      },
      ...children,
    ),
  );
}

/** `representations/rep1/METS.xml`: the data files of the representation. */
export function buildRepresentationMets(h: PackageHeader, dataFiles: readonly PackageFile[]): string {
  const fileId = ids('file');
  const withIds = dataFiles.map((f) => ({ f, id: fileId() }));
  // CSIP: a representation's OBJID is the name of its folder.
  return root(
    h,
    'rep1',
    `${h.label} – rep1`,
    header(h),
    el(
      'mets:fileSec',
      { ID: 'filesec-rep1' },
      el(
        'mets:fileGrp',
        { ID: 'filegrp-data', USE: 'Data' },
        withIds.map(({ f, id }) => el('mets:file', fileAttrs(f, id), flocat(relative(f.path, REPRESENTATION)))),
      ),
    ),
    el(
      'mets:structMap',
      { ID: 'structmap-rep1', TYPE: 'PHYSICAL', LABEL: 'CSIP' },
      el(
        'mets:div',
        { ID: 'div-rep1', LABEL: 'rep1' },
        el(
          'mets:div',
          { ID: 'div-rep1-data', LABEL: 'Data' },
          withIds.map(({ id }) => el('mets:fptr', { FILEID: id })),
        ),
      ),
    ),
  );
}

export interface RootMetsParts {
  /** metadata/descriptive/ERMS.xml */
  descriptive: PackageFile;
  /** metadata/preservation/*: the actor register and the chain checkpoints. */
  preservation: readonly PackageFile[];
  schemas: readonly PackageFile[];
  /** representations/rep1/METS.xml */
  representationMets: PackageFile;
}

/** The package's root `METS.xml`. */
export function buildRootMets(h: PackageHeader, parts: RootMetsParts): string {
  const fileId = ids('file');
  const schemaIds = parts.schemas.map((f) => ({ f, id: fileId() }));
  const repId = fileId();
  const digiprov = parts.preservation.map((f, i) => ({ f, id: `digiprov-${i + 1}` }));
  return root(
    h,
    h.name,
    h.label,
    header(h),
    el(
      'mets:dmdSec',
      { ID: 'dmd-erms', CREATED: parts.descriptive.created, STATUS: 'CURRENT' },
      mdRef(parts.descriptive, '', { MDTYPE: 'OTHER', OTHERMDTYPE: 'ERMS' }),
    ),
    digiprov.length > 0
      ? el(
          'mets:amdSec',
          { ID: 'amd-1' },
          digiprov.map(({ f, id }) =>
            el(
              'mets:digiprovMD',
              { ID: id, CREATED: f.created, STATUS: 'CURRENT' },
              mdRef(f, '', { MDTYPE: 'OTHER', OTHERMDTYPE: 'DIARIUM-ACTOR-REGISTER' }),
            ),
          ),
        )
      : null,
    el(
      'mets:fileSec',
      { ID: 'filesec-root' },
      el(
        'mets:fileGrp',
        { ID: 'filegrp-schemas', USE: 'Schemas' },
        schemaIds.map(({ f, id }) => el('mets:file', fileAttrs(f, id), flocat(f.path))),
      ),
      el(
        'mets:fileGrp',
        { ID: 'filegrp-rep1', USE: REPRESENTATION.replace('representations', 'Representations') },
        el('mets:file', fileAttrs(parts.representationMets, repId), flocat(parts.representationMets.path)),
      ),
    ),
    el(
      'mets:structMap',
      { ID: 'structmap-root', TYPE: 'PHYSICAL', LABEL: 'CSIP' },
      el(
        'mets:div',
        { ID: 'div-root', LABEL: h.name },
        el('mets:div', {
          ID: 'div-metadata',
          LABEL: 'Metadata',
          DMDID: 'dmd-erms',
          ADMID: digiprov.map((d) => d.id).join(' ') || undefined,
        }),
        el(
          'mets:div',
          { ID: 'div-schemas', LABEL: 'Schemas' },
          schemaIds.map(({ id }) => el('mets:fptr', { FILEID: id })),
        ),
        el(
          'mets:div',
          { ID: 'div-representations', LABEL: 'Representations/rep1' },
          el('mets:mptr', {
            LOCTYPE: 'URL',
            'xlink:type': 'simple',
            'xlink:href': parts.representationMets.path,
            'xlink:title': 'filegrp-rep1',
          }),
        ),
      ),
    ),
  );
}
