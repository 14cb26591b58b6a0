import { foldName, nameMatches, slugify } from '../../functions/shared/text';
import { lastDay, periodStatus } from '../../functions/shared/dates';
import { decodeCursor, encodeCursor, pageOf } from '../../functions/graphql/pagination';
import { fromGlobalId, slugFromIdArgument } from '../../functions/graphql/ids';

describe('name folding', () => {
  it.each([
    ['Dessau-Roßlau', 'dessau rosslau', true],
    ['Dessau-Roßlau', 'dessau-roßlau', true],
    ['Göppingen', 'goeppingen', true],
    ['Göppingen', 'GÖPPINGEN', true],
    ['Weißwasser/O.L.', 'weisswasser', true],
    ['Heidelberg', 'göppingen', false],
  ])('%s matches "%s": %s', (name, query, expected) => {
    expect(nameMatches(name, query)).toBe(expected);
  });

  it('makes slugs', () => {
    expect(slugify('Dessau-Roßlau')).toBe('dessau-rosslau');
    expect(slugify('Frankfurt (Oder)')).toBe('frankfurt-oder');
    expect(foldName('  Bad   Nauheim ')).toBe('bad nauheim');
  });
});

describe('partial dates', () => {
  it('treats an end year as running to its last day', () => {
    expect(lastDay('2019')).toBe('2019-12-31');
    expect(lastDay('2024-02')).toBe('2024-02-29');
    expect(periodStatus('2015', '2019', '2019-12-31')).toBe('ACTIVE');
    expect(periodStatus('2015', '2019', '2020-01-01')).toBe('ENDED');
    expect(periodStatus('2030', null, '2026-11-22')).toBe('UPCOMING');
    expect(periodStatus(null, null, '2026-11-22')).toBe('UNKNOWN');
  });
});

describe('cursors and ids', () => {
  it('round-trips cursors and rejects foreign ones', () => {
    expect(decodeCursor('city', encodeCursor('city', 7))).toBe('7');
    expect(() => decodeCursor('city', encodeCursor('organization', 7))).toThrow(/Invalid cursor/);
    expect(pageOf(['a', 'b', 'c'], 'x', 2, null).pageInfo.hasNextPage).toBe(true);
  });

  it('parses global ids and slugs', () => {
    expect(fromGlobalId('City:dessau-rosslau')).toEqual({ type: 'City', key: 'dessau-rosslau' });
    expect(fromGlobalId('Nope:x')).toBeNull();
    expect(slugFromIdArgument('City', 'dessau-rosslau')).toBe('dessau-rosslau');
    expect(slugFromIdArgument('City', 'Program:k2')).toBeNull();
    expect(slugFromIdArgument('City', 'Bad Slug!')).toBeNull();
  });
});
