import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { COLLECTIONS, COLLECTION_NAMES } from '../collections';
import { SENSITIVITIES } from './sensitivity';

/*
 * Every field of every record type declares what it is (model/sensitivity.ts); the projection is
 * derived from the declarations. The type system already refuses a missing declaration where the
 * declaration is written; this walks what is actually replicated, so a field that reaches a
 * schema some other way (a spread, an extend) cannot slip through either.
 */
describe.each(COLLECTION_NAMES)('%s: field declarations', (name) => {
  const def = COLLECTIONS[name];
  const shapeKeys = Object.keys((def.schema as z.ZodObject).shape).sort();
  const declared = def.fields as Record<string, string>;

  test('every field of the schema declares its sensitivity', () => {
    const missing = shapeKeys.filter((k) => !Object.hasOwn(declared, k));
    expect(missing).toEqual([]);
  });
  test('no declaration names a field the schema does not have', () => {
    expect(Object.keys(declared).filter((k) => !shapeKeys.includes(k))).toEqual([]);
  });
  test('every declaration is a known sensitivity', () => {
    for (const [field, s] of Object.entries(declared)) expect(SENSITIVITIES, `${name}.${field}`).toContain(s);
  });
});
