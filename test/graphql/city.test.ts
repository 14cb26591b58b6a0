import { codes, gql } from '../support/lambda';

describe('city lookups', () => {
  it('finds Dessau-Roßlau by AGS with its programmes and Anhalt partners', async () => {
    const res = await gql(`{
      city(ags: "15001000") {
        id slug name ags state kind memberStatus
        population { value asOf basis }
        memberships { program { slug } status startDate endDate }
        partnerships { slug kind cities { name } }
        coordinationOffice { email phone unit }
      }
    }`);
    expect(res.errors).toBeUndefined();
    const city = res.data!.city;
    expect(city).toMatchObject({ id: 'City:dessau-rosslau', name: 'Dessau-Roßlau', ags: '15001000', state: 'DE-ST', memberStatus: 'CURRENT' });
    const programs = new Set(city.memberships.map((m: any) => m.program.slug));
    for (const p of ['engagierte-stadt', 'partnerschaft-fuer-demokratie', 'vielfaltsgestalter', 'k2', 'ehrenamtskarte', 'soziale-stadt']) {
      expect(programs).toContain(p);
    }
    const network = city.memberships.filter((m: any) => m.program.slug === 'engagierte-stadt');
    expect(network.map((m: any) => [m.startDate, m.endDate])).toEqual([
      ['2015', '2019'],
      ['2020-07-01', null],
    ]);
    const anhalt = city.partnerships.find((p: any) => p.slug === 'regionalnetzwerk-anhalt');
    expect(anhalt.cities.map((c: any) => c.name).sort()).toEqual(
      ['Bitterfeld-Wolfen', 'Dessau-Roßlau', 'Gräfenhainichen', 'Lutherstadt Wittenberg'].sort(),
    );
    expect(city.coordinationOffice.email).toBe('engagiertestadt@dessau-rosslau.de');
  });

  it('returns null for an unknown id or AGS', async () => {
    const res = await gql(`{ a: city(id: "City:nowhere") { id } b: city(ags: "99999999") { id } c: city(id: "Program:k2") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: null, b: null, c: null });
  });

  it('returns BAD_USER_INPUT for a malformed AGS or for both arguments', async () => {
    expect(codes(await gql(`{ city(ags: "150") { id } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(`{ city(id: "dessau-rosslau", ags: "15001000") { id } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(`{ city { id } }`))).toEqual(['BAD_USER_INPUT']);
  });
});
