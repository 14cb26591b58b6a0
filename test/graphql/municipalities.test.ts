import { codes, gql } from '../support/lambda';

const PAGE = `query($filter: MunicipalityFilter, $first: Int, $after: String) {
  municipalities(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ags name state population { value } eligibility { status } city { slug } }
  }
}`;

describe('municipalities', () => {
  it('holds all 10,786 municipalities of the reference table', async () => {
    const res = await gql(PAGE, { first: 1 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.municipalities.totalCount).toBe(10786);
    expect(res.data!.municipalities.nodes[0].ags).toBe('01001000');
  });

  it('links Göppingen both ways and checks it against the 2023 criteria', async () => {
    const res = await gql(`{ municipality(ags: "08117026") { name state population { value asOf basis } eligibility { status minPopulation maxPopulation round { year } } city { name municipality { ags } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.municipality).toMatchObject({
      name: 'Göppingen',
      state: 'DE-BW',
      population: { asOf: '2022-05-15', basis: 'CENSUS' },
      eligibility: { status: 'ELIGIBLE', minPopulation: 10000, maxPopulation: 250000, round: { year: 2023 } },
      city: { name: 'Göppingen', municipality: { ags: '08117026' } },
    });
  });

  it('reports too small and too large places', async () => {
    const res = await gql(`{ berlin: municipality(ags: "11000000") { eligibility { status } } tiny: municipalities(first: 1, filter: { eligibility: TOO_SMALL }) { nodes { population { value } eligibility { status } } } }`);
    expect(res.data!.berlin.eligibility.status).toBe('TOO_LARGE');
    expect(res.data!.tiny.nodes[0].population.value).toBeLessThan(10000);
    expect(res.data!.tiny.nodes[0].eligibility.status).toBe('TOO_SMALL');
  });

  it('pages within a state without gaps or repeats', async () => {
    const first = await gql(PAGE, { filter: { state: 'DE-HB' }, first: 1 });
    expect(first.data!.municipalities.totalCount).toBe(2);
    const second = await gql(PAGE, { filter: { state: 'DE-HB' }, first: 1, after: first.data!.municipalities.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    expect(second.data!.municipalities.nodes[0].ags).not.toBe(first.data!.municipalities.nodes[0].ags);
    expect(second.data!.municipalities.pageInfo.hasNextPage).toBe(false);
  });

  it('finds names by folded prefix', async () => {
    const res = await gql(PAGE, { filter: { search: 'goepp' }, first: 10 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.municipalities.nodes.map((n: any) => n.name)).toContain('Göppingen');
    const filtered = await gql(PAGE, { filter: { search: 'dessau-ro', isMember: true } });
    expect(filtered.data!.municipalities.nodes.map((n: any) => n.city?.slug)).toEqual(['dessau-rosslau']);
  });

  it('rejects malformed keys and cursors, and returns null for unknown keys', async () => {
    expect(codes(await gql(`{ municipality(ags: "abc") { name } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(PAGE, { after: 'garbage!' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(PAGE, { first: 500 }))).toEqual(['BAD_USER_INPUT']);
    const res = await gql(`{ municipality(ags: "00000000") { name } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.municipality).toBeNull();
  });
});
