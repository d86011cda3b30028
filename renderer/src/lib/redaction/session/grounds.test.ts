import { describe, expect, it } from 'vitest';
import { DEFAULT_SUGGESTION_GROUND } from '../../../../../shared/src/model/redaction';
import { defaultGround, groundChoices } from './grounds';

const LIST = [
  { code: 'OSL 15 kap. 2 §', text: 'Försvarssekretess' },
  { code: 'OSL 21 kap. 7 §', text: 'Behandling i strid med dataskyddsregleringen' },
  { code: 'OSL 26 kap. 1 §', text: 'Socialtjänst' },
];

describe('grounds', () => {
  it('defaults to the document’s own ground, else the suggestion ground, else the first listed', () => {
    expect(defaultGround(LIST, 'OSL 26 kap. 1 §')).toBe('OSL 26 kap. 1 §');
    expect(defaultGround(LIST, '')).toBe(DEFAULT_SUGGESTION_GROUND);
    expect(defaultGround(LIST, 'OSL 99 kap. 1 §')).toBe(DEFAULT_SUGGESTION_GROUND);
    expect(defaultGround([LIST[2]!, LIST[0]!], '')).toBe('OSL 26 kap. 1 §');
    expect(defaultGround([], '')).toBe(DEFAULT_SUGGESTION_GROUND);
  });

  it('offers the register’s list plus grounds a saved draft still uses', () => {
    const state = {
      marks: [{ id: 'm', page: 1, x: 0, y: 0, w: 1, h: 1, ground: 'OSL 18 kap. 8 §', source: 'manual' as const }],
      terms: [{ text: 'x', ground: 'OSL 26 kap. 1 §' }],
    };
    expect(groundChoices(LIST, state, 'OSL 21 kap. 7 §').map((o) => o.code)).toEqual([...LIST.map((o) => o.code), 'OSL 18 kap. 8 §']);
    expect(groundChoices([], { marks: [], terms: [] }, DEFAULT_SUGGESTION_GROUND)).toEqual([{ code: DEFAULT_SUGGESTION_GROUND, text: '' }]);
  });
});
