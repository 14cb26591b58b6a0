/**
 * Synthetic records for tests and benchmarks (bench/writes.ts): valid for the
 * entity definitions, sourced to example.org, never the network's real data.
 */
export function sampleCity(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    name: `Teststadt ${id}`,
    kind: 'MUNICIPALITY' as const,
    state: 'DE-ST',
    ags: null,
    agsHistory: [],
    population: null,
    populationHistory: [],
    location: null,
    website: null,
    coordinationOffice: null,
    topics: [],
    sourceUrls: ['https://example.org/source'],
    ...overrides,
  };
}

export function sampleMembership(id: string, programId: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    programId,
    cityId: null,
    participantName: `Teilnehmer ${id}`,
    participantState: 'DE-ST',
    participantAgs: null,
    startDate: '2024',
    endDate: null,
    cohort: null,
    note: null,
    sourceUrls: ['https://example.org/source'],
    ...overrides,
  };
}

export function sampleProgram(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    name: `Programm ${id}`,
    shortName: null,
    kind: 'FOUNDATION_PROGRAMME' as const,
    description: null,
    sponsorOrganizationIds: [],
    startDate: null,
    endDate: null,
    website: null,
    sourceUrls: ['https://example.org/source'],
    ...overrides,
  };
}

export function samplePartnership(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    name: `Partnerschaft ${id}`,
    kind: 'REGIONAL_NETWORK' as const,
    description: null,
    states: ['DE-ST'],
    supporterOrganizationIds: [],
    startDate: null,
    endDate: null,
    website: null,
    sourceUrls: ['https://example.org/source'],
    ...overrides,
  };
}

export function samplePartnershipMember(partnershipId: string, memberType: 'City' | 'Organization', memberId: string, overrides: Record<string, unknown> = {}) {
  return {
    id: `${partnershipId}.${memberType}.${memberId}`,
    partnershipId,
    memberType,
    memberId,
    role: null,
    startDate: null,
    endDate: null,
    sourceUrls: ['https://example.org/source'],
    ...overrides,
  };
}
