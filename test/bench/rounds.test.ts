import { countRounds } from '../../bench/lib/rounds';

describe('countRounds', () => {
  it('counts no rounds for no requests', () => {
    expect(countRounds([])).toBe(0);
  });

  it('counts overlapping requests as one round', () => {
    expect(countRounds([{ start: 0, end: 10 }, { start: 2, end: 5 }, { start: 9, end: 12 }])).toBe(1);
  });

  it('counts a request that starts after every earlier one ended as a new round', () => {
    expect(countRounds([{ start: 20, end: 30 }, { start: 0, end: 10 }, { start: 11, end: 19 }])).toBe(3);
  });

  it('chains overlaps: a request overlapping only the last of a group joins it', () => {
    expect(countRounds([{ start: 0, end: 10 }, { start: 9, end: 20 }, { start: 19, end: 25 }, { start: 26, end: 27 }])).toBe(2);
  });
});
