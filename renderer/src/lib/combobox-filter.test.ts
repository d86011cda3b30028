import { describe, expect, it } from 'vitest';
import { filterOptions } from './combobox-filter';

const people = [
  { value: 'u1', label: 'Anna Lind' },
  { value: 'u2', label: 'Åsa Öberg' },
  { value: 'u3', label: 'Erik Berg', hint: 'Socialtjänsten' },
  { value: 'u4', label: 'Élise Andersson' },
];

describe('filterOptions', () => {
  it('finds by the start of any word, every typed word, case and accents aside', () => {
    expect(filterOptions(people, 'lind').map((o) => o.value)).toEqual(['u1']);
    expect(filterOptions(people, 'ERIK soc').map((o) => o.value)).toEqual(['u3']);
    expect(filterOptions(people, 'elise').map((o) => o.value)).toEqual(['u4']);
    expect(filterOptions(people, 'an').map((o) => o.value)).toEqual(['u1', 'u4']);
    expect(filterOptions(people, '  ').map((o) => o.value)).toEqual(['u1', 'u2', 'u3', 'u4']);
  });

  it('keeps å, ä and ö letters of their own, as Swedish does', () => {
    expect(filterOptions(people, 'ös').map((o) => o.value)).toEqual([]);
    expect(filterOptions(people, 'öb').map((o) => o.value)).toEqual(['u2']);
    expect(filterOptions(people, 'ob').map((o) => o.value)).toEqual([]);
    expect(filterOptions(people, 'as').map((o) => o.value)).toEqual([]);
    expect(filterOptions(people, 'ås').map((o) => o.value)).toEqual(['u2']);
  });

  it('finds legal grounds by their chapter and words of their text', () => {
    const grounds = [
      { value: 'OSL 21 kap. 3 §', label: 'OSL 21 kap. 3 §', hint: 'Förföljda personer – adress' },
      { value: 'OSL 26 kap. 1 §', label: 'OSL 26 kap. 1 §', hint: 'Socialtjänst' },
    ];
    expect(filterOptions(grounds, '26').map((o) => o.value)).toEqual(['OSL 26 kap. 1 §']);
    expect(filterOptions(grounds, 'förf').map((o) => o.value)).toEqual(['OSL 21 kap. 3 §']);
  });
});
