import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../../shared/src';
import { WINDOWED_COLLECTIONS, unitOf } from './unit-of';

describe('unitOf', () => {
  it('a case is its own unit', () => {
    expect(unitOf('cases', { id: 'c1' })).toEqual({ unit: 'c1' });
  });

  it("a document belongs to its case's unit, a free-standing one is its own", () => {
    expect(unitOf('documents', { id: 'd1', caseId: 'c1' })).toEqual({ unit: 'c1' });
    expect(unitOf('documents', { id: 'd1', caseId: '' })).toEqual({ unit: 'd1' });
  });

  it("a file belongs to its document's unit", () => {
    expect(unitOf('files', { id: 'f1', documentId: 'd1', caseId: 'c1' })).toEqual({ unit: 'c1' });
    expect(unitOf('files', { id: 'f1', documentId: 'd1', caseId: '' })).toEqual({ unit: 'd1' });
  });

  it("a flow belongs to its case, or its free-standing document's unit", () => {
    expect(unitOf('flows', { id: 'fl', targetCollection: 'cases', targetId: 'c1', caseId: 'c1', documentId: '' })).toEqual({ unit: 'c1' });
    expect(unitOf('flows', { id: 'fl', targetCollection: 'documents', targetId: 'd1', caseId: 'c1', documentId: 'd1' })).toEqual({
      unit: 'c1',
    });
    expect(unitOf('flows', { id: 'fl', targetCollection: 'documents', targetId: 'd1', caseId: '', documentId: 'd1' })).toEqual({
      unit: 'd1',
    });
  });

  it('an actor-register entry belongs to its case, else to the unit of the record it is about', () => {
    expect(unitOf('audit', { caseId: 'c1', recordCollection: 'documents', recordId: 'd1' })).toEqual({ unit: 'c1' });
    expect(unitOf('audit', { caseId: '', recordCollection: 'cases', recordId: 'c2' })).toEqual({ unit: 'c2' });
    expect(unitOf('audit', { caseId: '', recordCollection: 'documents', recordId: 'd2' })).toEqual({ unit: 'd2' });
    expect(unitOf('audit', { caseId: '', recordCollection: 'files', recordId: 'f2' })).toEqual({ fileOf: 'f2' });
  });

  it('an actor-register entry about anything else is not windowed', () => {
    expect(unitOf('audit', { caseId: '', recordCollection: 'parties', recordId: 'p1' })).toBeNull();
    expect(unitOf('audit', { caseId: '', recordCollection: 'users', recordId: 'u1' })).toBeNull();
    expect(unitOf('audit', { caseId: '', recordCollection: 'documents', recordId: '' })).toBeNull();
  });

  it('every other collection is not windowed, and exactly the windowed collections have units', () => {
    for (const c of COLLECTION_NAMES) {
      const data = { id: 'x1', caseId: 'c1', documentId: 'd1', recordCollection: 'cases', recordId: 'c1', targetId: 'c1' };
      expect(unitOf(c, data) !== null, c).toBe(WINDOWED_COLLECTIONS.has(c));
    }
  });
});
