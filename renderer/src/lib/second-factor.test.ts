import { describe, expect, it } from 'vitest';
import { SECOND_FACTOR_ERROR_CODES } from '../../../shared/src/protocol/second-factor';
import { svSecondFactor } from './i18n/sv.second-factor';
import { isCodeShaped, normaliseCode, SecondFactorError, secondFactorMessage } from './second-factor';

describe('second factor client helpers', () => {
  it('accepts codes typed with spaces or dashes and nothing but six digits', () => {
    expect(normaliseCode(' 123 456 ')).toBe('123456');
    expect(normaliseCode('123-456')).toBe('123456');
    expect(isCodeShaped('123 456')).toBe(true);
    expect(isCodeShaped('12345')).toBe(false);
    expect(isCodeShaped('1234567')).toBe(false);
    expect(isCodeShaped('12a456')).toBe(false);
    expect(isCodeShaped('')).toBe(false);
  });

  it('has a Swedish message for every error the server or the network can give', () => {
    for (const code of [...SECOND_FACTOR_ERROR_CODES, 'network', 'unknown'] as const) {
      expect(secondFactorMessage(new SecondFactorError(code))).toBe(svSecondFactor[`secondFactor.error.${code}`]);
    }
    expect(secondFactorMessage(new SecondFactorError('invalid_code'))).toBe('Fel kod. Försök igen.');
    expect(secondFactorMessage(new SecondFactorError('replayed_code'))).toBe('Koden har redan använts. Vänta på nästa kod.');
    expect(secondFactorMessage(new Error('boom'))).toBe('Något gick fel. Försök igen.');
  });
});
