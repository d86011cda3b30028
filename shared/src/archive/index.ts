/**
 * Archive transfer packages (issue 17): pure builders of the XML files of an FGS 2.0 package
 * (E-ARK CSIP/SIP METS with CITS ERMS) and an FGS 1.x package (FGS Paketstruktur 1.2 `sip.xml`
 * with FGS Ärendehantering 1.0). The server collects the records and writes the files.
 */
export * from './model';
export * from './mapping';
export { buildErms, ERMS_NAMESPACE } from './erms';
export { buildArendehantering, FGS_ERMS_NAMESPACE } from './arendehantering';
export { buildRootMets, buildRepresentationMets, REPRESENTATION, SIP_PROFILE, type RootMetsParts } from './csip-mets';
export { buildFgsSip, FGS_PACKAGE_PROFILE } from './fgs-sip';
export { filePath, packagePaths, safeName, type PackagePaths } from './paths';
export { ACTOR_REGISTER_FORMAT, actorRegisterJson, checkpointsJson, coveringCheckpoints, type ArchivedCheckpoint } from './actor-register';
export { escapeAttr, escapeText } from './xml';
