import type { Case } from '../model/case';
import type { Document } from '../model/document';
import type { FileRecord } from '../model/file';
import { isRestricted, mayReadFile, type AccessSubject, type Guarded, type GuardedDocument } from './access';
import { projectGuarded } from './projection';

/**
 * The public: no name, no groups, no second factor. Anything published (the public register
 * list, web publication of documents) is what this subject may see, so restricted records appear
 * only as their existence and shielded values never.
 */
const PUBLIC: AccessSubject = { id: '', roles: ['reader'], registerIds: [], groupIds: [], active: true, secondFactorFresh: false };

/** The single decision for public output of cases and documents. */
export function publicRecord<T extends Case | Document>(collection: 'cases' | 'documents', record: T, parentCase?: Guarded | null): T {
  return projectGuarded(PUBLIC, collection, record as T & Guarded, parentCase) as T;
}

/** Whether a file may be published at all. */
export function publicFile(file: Pick<FileRecord, 'fileKey'>, doc: GuardedDocument, parentCase?: Guarded | null): boolean {
  return !isRestricted(doc, parentCase) && doc.shields.length === 0 && mayReadFile(PUBLIC, file, doc, parentCase);
}
