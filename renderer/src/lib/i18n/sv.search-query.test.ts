import { describe, expect, it } from 'vitest';
import { SEARCH_ERROR_CODES, SEARCH_REQUEST_ERRORS } from '../../../../shared/src/search';
import { sv } from './sv';

describe('the Swedish catalog: search refusals', () => {
  it('has a text for every code the grammar and the search route answer', () => {
    const keys = Object.keys(sv);
    for (const code of [...SEARCH_ERROR_CODES, ...SEARCH_REQUEST_ERRORS, 'network']) expect(keys).toContain(`search.error.${code}`);
  });
});
