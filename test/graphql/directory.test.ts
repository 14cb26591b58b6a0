import { codes, gql } from '../support/lambda';

describe('programmes', () => {
  it('lists Engagierte Stadt first and every related programme', async () => {
    const res = await gql(`{ programs { id slug name kind membershipCount } }`);
    expect(res.errors).toBeUndefined();
    const slugs = res.data!.programs.map((p: any) => p.slug);
    expect(slugs[0]).toBe('engagierte-stadt');
    for (const slug of ['partnerschaft-fuer-demokratie', 'vielfaltsgestalter', 'k2', 'ehrenamtskarte', 'soziale-stadt']) expect(slugs).toContain(slug);
    const k2 = res.data!.programs.find((p: any) => p.slug === 'k2');
    expect(k2.name).toContain('K²');
  });

  it('resolves a programme by global id and by slug, with its members', async () => {
    const res = await gql(`{
      a: program(id: "Program:vielfaltsgestalter") { id memberships { participantName startDate endDate city { name } } }
      b: program(id: "vielfaltsgestalter") { id }
      c: program(id: "no-such-programme") { id }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.a.id).toBe('Program:vielfaltsgestalter');
    expect(res.data!.b.id).toBe('Program:vielfaltsgestalter');
    expect(res.data!.c).toBeNull();
    const sites = res.data!.a.memberships.map((m: any) => m.participantName).sort();
    expect(sites).toEqual(['Böblingen', 'Dessau-Roßlau', 'Frankfurt (Oder)', 'Freital', 'Rosenheim', 'Wetzlar'].sort());
    for (const m of res.data!.a.memberships) expect([m.startDate, m.endDate]).toEqual(['2018-10-15', '2020-10-15']);
    expect(res.data!.a.memberships.find((m: any) => m.participantName === 'Dessau-Roßlau').city.name).toBe('Dessau-Roßlau');
  });

  it('filters memberships by status', async () => {
    const res = await gql(`{ program(id: "engagierte-stadt") { ended: memberships(status: ENDED) { participantName endDate } } }`);
    const ended = res.data!.program.ended.map((m: any) => m.participantName);
    expect(ended).toContain('Herzberg am Harz');
    expect(ended).toContain('Dessau-Roßlau');
  });
});

describe('partnerships and organisations', () => {
  it('describes the Regionalnetzwerk Anhalt with its cities, supporter and campaign', async () => {
    const res = await gql(`{ partnership(id: "regionalnetzwerk-anhalt") {
      name kind startDate endDate cities { name } supporters { name } campaigns { name launchDate }
      members { member { __typename ... on City { name } ... on Organization { name } } }
    } }`);
    expect(res.errors).toBeUndefined();
    const p = res.data!.partnership;
    expect(p).toMatchObject({ name: 'Regionalnetzwerk Anhalt', kind: 'REGIONAL_NETWORK', startDate: '2022-09-01', endDate: '2023-06-30' });
    expect(p.cities).toHaveLength(4);
    expect(p.supporters.map((o: any) => o.name).join(' ')).toMatch(/FAW/);
    expect(p.campaigns).toEqual([{ name: 'Glücksbringer', launchDate: '2023-06-19' }]);
    expect(p.members.every((m: any) => m.member.__typename === 'City' || m.member.__typename === 'Organization')).toBe(true);
  });

  it('filters partnerships by kind, state and city', async () => {
    const res = await gql(`{
      states: partnerships(filter: { kind: STATE_NETWORK }) { slug kind }
      st: partnerships(filter: { state: "DE-ST" }) { slug }
      heidelberg: partnerships(filter: { cityId: "heidelberg" }) { slug kind organizations { name } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.states.length).toBeGreaterThanOrEqual(2);
    expect(res.data!.states.every((p: any) => p.kind === 'STATE_NETWORK')).toBe(true);
    expect(res.data!.st.map((p: any) => p.slug)).toContain('regionalnetzwerk-anhalt');
    const local = res.data!.heidelberg.find((p: any) => p.kind === 'LOCAL_ALLIANCE');
    const partners = local.organizations.map((o: any) => o.name).join(' | ');
    expect(partners).toMatch(/FreiwilligenAgentur/);
    expect(partners).toMatch(/Stadtjugendring/);
    expect(partners).toMatch(/Sportkreis/);
  });

  it('pages organisations and finds them by folded name', async () => {
    const res = await gql(`{ organizations(first: 5, filter: { search: "freiwilligenagentur heidelberg" }) {
      totalCount nodes { id name kind city { name } partnerships { slug } }
    } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.organizations.totalCount).toBeGreaterThanOrEqual(1);
    const agency = res.data!.organizations.nodes[0];
    expect(agency.city?.name).toBe('Heidelberg');
    expect(agency.partnerships.length).toBeGreaterThanOrEqual(1);
    const one = await gql(`{ organization(id: "${agency.id}") { name } }`);
    expect(one.data!.organization.name).toBe(agency.name);
  });
});

describe('campaigns, events and application rounds', () => {
  it('lists the Glücksbringer campaign with its four cities', async () => {
    const res = await gql(`{ campaigns { slug name cities { name } partnership { slug } } campaign(id: "Campaign:gluecksbringer") { name } }`);
    expect(res.errors).toBeUndefined();
    const campaign = res.data!.campaigns.find((c: any) => c.slug === 'gluecksbringer');
    expect(campaign.cities.map((c: any) => c.name).sort()).toEqual(['Bitterfeld-Wolfen', 'Dessau-Roßlau', 'Gräfenhainichen', 'Lutherstadt Wittenberg']);
    expect(campaign.partnership.slug).toBe('regionalnetzwerk-anhalt');
    expect(res.data!.campaign.name).toBe('Glücksbringer');
  });

  it('lists events newest first and filters by date and city', async () => {
    const res = await gql(`{
      all: events { name startDate }
      y2019: events(filter: { from: "2019", to: "2019" }) { name startDate city { name } }
      heidelberg: events(filter: { cityId: "City:heidelberg" }) { name startDate }
    }`);
    expect(res.errors).toBeUndefined();
    const dates = res.data!.all.map((e: any) => e.startDate ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(res.data!.y2019.some((e: any) => e.startDate === '2019-11-28')).toBe(true);
    expect(res.data!.heidelberg.some((e: any) => e.startDate.startsWith('2022-05'))).toBe(true);
    expect(codes(await gql(`query($from: PartialDate) { events(filter: { from: $from }) { name } }`, { from: 'May 2022' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(`{ events(filter: { from: "May 2022" }) { name } }`))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('marks the 2023 round as current with its criteria', async () => {
    const res = await gql(`{ applicationRounds { year opensOn closesOn minPopulation maxPopulation isCurrent } }`);
    const rounds = res.data!.applicationRounds;
    expect(rounds[0]).toMatchObject({ year: 2023, opensOn: '2023-09-25', closesOn: '2023-11-24', minPopulation: 10000, maxPopulation: 250000, isCurrent: true });
    expect(rounds.filter((r: any) => r.isCurrent)).toHaveLength(1);
  });
});

describe('network statistics and sources', () => {
  it('counts members in total, by state, by programme and over time', async () => {
    const res = await gql(`{ networkStats {
      currentMemberCount formerMemberCount totalMemberCount
      byState { state count } byProgram { program { slug } count } joinsByYear { year count } reported { date count approximate }
    } cities { totalCount } }`);
    expect(res.errors).toBeUndefined();
    const s = res.data!.networkStats;
    expect(s.totalMemberCount).toBe(res.data!.cities.totalCount);
    expect(s.currentMemberCount + s.formerMemberCount).toBe(s.totalMemberCount);
    expect(s.byState.reduce((n: number, x: any) => n + x.count, 0)).toBe(s.currentMemberCount);
    expect(s.byProgram.find((x: any) => x.program.slug === 'engagierte-stadt').count).toBe(s.currentMemberCount);
    expect(s.joinsByYear.find((x: any) => x.year === 2022).count).toBeGreaterThanOrEqual(14);
    expect(s.reported.find((r: any) => r.date === '2024-02')).toMatchObject({ count: 112 });
  });

  it('carries the licence note of the municipality reference data', async () => {
    const res = await gql(`{ dataSources { id title licence attribution } }`);
    const notes = res.data!.dataSources.map((d: any) => d.attribution ?? '').join('\n');
    expect(notes).toContain('Datenlizenz Deutschland – Namensnennung – Version 2.0');
    expect(notes).toContain('Zensus 2022');
  });

  it('resolves an id of each of the 11 node types back to the same object through node', async () => {
    // One object of each type, found through ordinary fields; the list of types is written out here.
    const TYPES = ['City', 'Program', 'ProgramMembership', 'Partnership', 'PartnershipMember', 'Organization', 'Campaign', 'Event', 'ApplicationRound', 'DataSource', 'Municipality'];
    const res = await gql(`{
      city(id: "heidelberg") { __typename id memberships { __typename id } }
      programs { __typename id }
      partnerships { __typename id members { __typename id } }
      organizations(first: 1) { nodes { __typename id } }
      campaigns { __typename id }
      events { __typename id }
      applicationRounds { __typename id }
      dataSources { __typename id }
      municipality(ags: "08117026") { __typename id }
    }`);
    expect(res.errors).toBeUndefined();
    const d = res.data!;
    const samples: { __typename: string; id: string }[] = [
      d.city, d.city.memberships[0], d.programs[0], d.partnerships[0], d.partnerships[0].members[0], d.organizations.nodes[0],
      d.campaigns[0], d.events[0], d.applicationRounds[0], d.dataSources[0], d.municipality,
    ];
    expect(samples.map((s) => s.__typename).sort()).toEqual([...TYPES].sort());
    for (const sample of samples) {
      const node = await gql(`query($id: ID!) { node(id: $id) { __typename id } }`, { id: sample.id });
      expect({ id: sample.id, errors: node.errors, node: node.data!.node }).toEqual({ id: sample.id, errors: undefined, node: { __typename: sample.__typename, id: sample.id } });
    }
  });

  it('resolves every kind of global id through node', async () => {
    const res = await gql(`{
      city: node(id: "City:heidelberg") { id ... on City { name } }
      program: node(id: "Program:k2") { id ... on Program { name } }
      municipality: node(id: "Municipality:08117026") { id ... on Municipality { name } }
      missing: node(id: "City:atlantis") { id }
      garbage: node(id: "%%%") { id }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.city).toEqual({ id: 'City:heidelberg', name: 'Heidelberg' });
    expect(res.data!.program.id).toBe('Program:k2');
    expect(res.data!.municipality).toEqual({ id: 'Municipality:08117026', name: 'Göppingen' });
    expect(res.data!.missing).toBeNull();
    expect(res.data!.garbage).toBeNull();
    const membership = await gql(`{ city(id: "goeppingen") { memberships { id } } }`);
    const id = membership.data!.city.memberships[0].id;
    const node = await gql(`query($id: ID!) { node(id: $id) { id ... on ProgramMembership { program { slug } } } }`, { id });
    expect(node.data!.node).toEqual({ id, program: { slug: 'engagierte-stadt' } });
  });
});
