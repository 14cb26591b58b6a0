/**
 * The floor: the same response bodies built by hand from records already in
 * memory and serialised, with no GraphQL, no store and no framework. What is
 * left between this and the handler is the price of everything else.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { CityRecord, ProgramMembershipRecord, SeedBundle } from '../../functions/data/model';
import { periodStatus } from '../../functions/shared/dates';
import { CITY_ID } from './operations';

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });
const byName = <T extends { name: string; id: string }>(a: T, b: T) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id);
const startOf = (m: { startDate: string | null }) => m.startDate ?? '9999';

export function floorBuilders(bundle: SeedBundle) {
  const today = new Date().toISOString().slice(0, 10);
  const cities = new Map(bundle.cities.map((c) => [c.id, c]));
  const programs = new Map(bundle.programs.map((p) => [p.id, p]));
  const partnerships = new Map(bundle.partnerships.map((p) => [p.id, p]));
  const organizations = new Map(bundle.organizations.map((o) => [o.id, o]));
  const membershipsOf = (cityId: string) =>
    bundle.memberships
      .filter((m) => m.cityId === cityId)
      .sort((a, b) =>
        a.programId === b.programId ? startOf(a).localeCompare(startOf(b)) : a.programId === 'engagierte-stadt' ? -1 : b.programId === 'engagierte-stadt' ? 1 : a.programId.localeCompare(b.programId),
      );
  const current = (city: CityRecord) =>
    membershipsOf(city.id).some((m) => m.programId === 'engagierte-stadt' && periodStatus(m.startDate, m.endDate, today) !== 'ENDED');
  const membership = (m: ProgramMembershipRecord) => ({
    id: `ProgramMembership:${m.id}`,
    status: periodStatus(m.startDate, m.endDate, today),
    startDate: m.startDate,
    endDate: m.endDate,
    program: { id: `Program:${m.programId}`, name: programs.get(m.programId)!.name, shortName: programs.get(m.programId)!.shortName },
  });
  const ref = (type: string, r: { id: string; name: string }) => ({ id: `${type}:${r.id}`, name: r.name });

  const respond = (data: unknown): APIGatewayProxyResult => ({
    statusCode: 200,
    headers: { 'content-type': 'application/graphql-response+json; charset=utf-8' },
    body: JSON.stringify({ data }),
  });

  return {
    cityPage(): APIGatewayProxyResult {
      const city = cities.get(CITY_ID)!;
      const partnershipIds = new Set(bundle.partnershipMembers.filter((m) => m.memberType === 'City' && m.memberId === city.id).map((m) => m.partnershipId));
      return respond({
        city: {
          id: `City:${city.id}`, name: city.name, kind: city.kind, state: city.state, ags: city.ags,
          memberStatus: current(city) ? 'CURRENT' : 'FORMER',
          population: city.population ? { value: city.population.value, asOf: city.population.asOf } : null,
          location: city.location,
          memberships: membershipsOf(city.id).map(membership),
          partnerships: [...partnershipIds].map((id) => partnerships.get(id)!).sort(byName).map((p) => {
            const members = bundle.partnershipMembers.filter((m) => m.partnershipId === p.id);
            return {
              id: `Partnership:${p.id}`, name: p.name, kind: p.kind,
              cities: members.filter((m) => m.memberType === 'City').map((m) => cities.get(m.memberId)!).sort(byName).map((c) => ref('City', c)),
              organizations: members.filter((m) => m.memberType === 'Organization').map((m) => organizations.get(m.memberId)!).sort(byName).map((o) => ref('Organization', o)),
            };
          }),
          organizations: bundle.organizations.filter((o) => o.cityId === city.id).sort(byName).map((o) => ({ ...ref('Organization', o), kind: o.kind })),
          campaigns: bundle.campaigns.filter((c) => c.cityIds.includes(city.id)).map((c) => ({
            ...ref('Campaign', c),
            partnership: c.partnershipId ? ref('Partnership', partnerships.get(c.partnershipId)!) : null,
            cities: c.cityIds.map((id) => ref('City', cities.get(id)!)),
          })),
          municipality: city.ags ? { ags: city.ags, name: city.name, population: { value: city.population?.value ?? 0 } } : null,
        },
      });
    },
    networkMap(): APIGatewayProxyResult {
      const matching = bundle.cities.filter(current).sort(byName);
      const page = matching.slice(0, 100);
      return respond({
        cities: {
          totalCount: matching.length,
          pageInfo: { hasNextPage: matching.length > page.length, endCursor: page.length ? `cursor:${page.length}` : null },
          nodes: page.map((c) => ({
            id: `City:${c.id}`, name: c.name, state: c.state, location: c.location,
            memberships: membershipsOf(c.id).map((m) => ({ startDate: m.startDate, endDate: m.endDate, program: { id: `Program:${m.programId}`, shortName: programs.get(m.programId)!.shortName } })),
          })),
        },
      });
    },
  };
}
