import type { PackageFile, PackageHeader } from './model';
import { el, serializeXml } from './xml';

/**
 * FGS Paketstruktur 1.2 (FGS 1.x): the package's `sip.xml`. The schema asks for at least three
 * agents and one altRecordID, and OBJID, TYPE, PROFILE and CREATEDATE; every file of the package
 * (but sip.xml itself) is listed with size and SHA-256.
 */

export const FGS_PACKAGE_PROFILE = 'http://xml.ra.se/e-arkiv/METS/CommonSpecificationSwedenPackageProfile.xml';

export function buildFgsSip(h: PackageHeader, files: readonly PackageFile[]): string {
  const withIds = files.map((f, i) => ({ f, id: `ID-${String(i + 1).padStart(4, '0')}` }));
  return serializeXml(
    el(
      'mets',
      {
        xmlns: 'http://www.loc.gov/METS/',
        'xmlns:xlink': 'http://www.w3.org/1999/xlink',
        'xmlns:ext': 'ExtensionMETS',
        OBJID: `UUID:${h.id}`,
        LABEL: h.label,
        TYPE: 'ERMS',
        PROFILE: FGS_PACKAGE_PROFILE,
        'ext:CONTENTTYPESPECIFICATION': 'FGS Ärendehantering, version 1.0',
      },
      el(
        'metsHdr',
        { CREATEDATE: h.createdAt, RECORDSTATUS: 'NEW', 'ext:OAISSTATUS': 'SIP' },
        el('agent', { ROLE: 'ARCHIVIST', TYPE: 'ORGANIZATION' }, el('name', {}, h.authorityName)),
        el('agent', { ROLE: 'CREATOR', TYPE: 'ORGANIZATION' }, el('name', {}, h.authorityName)),
        el('agent', { ROLE: 'OTHER', OTHERROLE: 'SUBMITTER', TYPE: 'ORGANIZATION' }, el('name', {}, h.authorityName)),
        el(
          'agent',
          { ROLE: 'ARCHIVIST', TYPE: 'OTHER', OTHERTYPE: 'SOFTWARE' },
          el('name', {}, h.softwareName),
          el('note', {}, h.softwareVersion),
        ),
        el('altRecordID', { TYPE: 'REFERENCECODE' }, `uuid:${h.id}`),
      ),
      el(
        'fileSec',
        {},
        el(
          'fileGrp',
          { ID: 'fgrp001', USE: 'FILES' },
          withIds.map(({ f, id }) =>
            el(
              'file',
              { ID: id, MIMETYPE: f.mimeType, SIZE: f.size, CREATED: f.created, CHECKSUM: f.sha256, CHECKSUMTYPE: 'SHA-256' },
              el('FLocat', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': `file:///${f.path}` }),
            ),
          ),
        ),
      ),
      el(
        'structMap',
        {},
        el(
          'div',
          { LABEL: 'Package' },
          withIds.map(({ id }) => el('fptr', { FILEID: id })),
        ),
      ),
    ),
  );
}
