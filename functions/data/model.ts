/**
 * Storage model: the records the data layer reads and writes. GraphQL resolver
 * types map onto these (see `codegen.ts` mappers); they are not the public
 * contract, which lives in `schema/*.graphql`.
 *
 * Conventions:
 * - `id` is a slug unique within its entity type (`dessau-rosslau`); the public
 *   global id is `<Type>:<id>` (see `globalId.ts`).
 * - Dates are ISO 8601 with the precision the source gives: `2015`, `2020-07`
 *   or `2020-07-01` (a `PartialDate`). Unknown stays `null`, never guessed.
 * - Every record names the sources it was taken from.
 */

/** An ISO 8601 date of year, month or day precision, e.g. `2015`, `2020-07`, `2020-07-01`. */
export type PartialDate = string;

/** ISO 3166-2 subdivision code of a German state, e.g. `DE-ST`. */
export type StateCode = string;

export type CityKind = 'MUNICIPALITY' | 'MUNICIPAL_ASSOCIATION' | 'CITY_QUARTER' | 'DISTRICT';

export type PopulationBasis = 'CENSUS' | 'PROJECTION' | 'UNKNOWN';

export interface PopulationFigure {
  value: number;
  /** Reference date (Stichtag) of the figure. */
  asOf: PartialDate;
  basis: PopulationBasis;
  sourceUrl: string | null;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** An official municipality key with the period it was valid for this place. */
export interface AgsValidity {
  ags: string;
  validFrom: PartialDate | null;
  validTo: PartialDate | null;
}

/**
 * A city's local coordination office (Koordinierungsstelle). Only functional
 * contact data: a host organisation, a unit, a functional mailbox and an office
 * phone. Never a person's name, private address, phone or e-mail.
 */
export interface CoordinationOffice {
  hostOrganizationId: string | null;
  /** Name of the host when it is not (yet) an Organization record. */
  hostName: string | null;
  unit: string | null;
  email: string | null;
  phone: string | null;
  sourceUrl: string | null;
}

export interface SourcedRecord {
  id: string;
  sourceUrls: string[];
}

/** A place that is or was a member of the network programme Engagierte Stadt. */
export interface CityRecord extends SourcedRecord {
  name: string;
  kind: CityKind;
  state: StateCode;
  /** Current 8-digit AGS; null for city quarters and districts without one. */
  ags: string | null;
  /** Every AGS this place has had, including the current one. */
  agsHistory: AgsValidity[];
  population: PopulationFigure | null;
  /** Further sourced figures (other dates or bases), newest first. */
  populationHistory: PopulationFigure[];
  location: GeoPoint | null;
  website: string | null;
  coordinationOffice: CoordinationOffice | null;
  topics: string[];
}

export type ProgramKind =
  | 'NETWORK_PROGRAMME'
  | 'FEDERAL_PROGRAMME'
  | 'FOUNDATION_PROGRAMME'
  | 'RECOGNITION'
  | 'URBAN_DEVELOPMENT';

export interface ProgramRecord extends SourcedRecord {
  name: string;
  shortName: string | null;
  kind: ProgramKind;
  description: string | null;
  /** Organisations that fund or run the programme. */
  sponsorOrganizationIds: string[];
  startDate: PartialDate | null;
  endDate: PartialDate | null;
  website: string | null;
}

/**
 * A place's participation in a programme for a period. A place can leave and
 * rejoin: each period is its own membership. Participants that are not member
 * places of Engagierte Stadt (a state-wide Ehrenamtskarte, a Vielfaltsgestalter
 * site) have `cityId: null` and are named by `participantName`.
 */
export interface ProgramMembershipRecord extends SourcedRecord {
  programId: string;
  cityId: string | null;
  participantName: string;
  participantState: StateCode | null;
  /** AGS of the participant where it is a municipality (links to Municipality). */
  participantAgs: string | null;
  startDate: PartialDate | null;
  endDate: PartialDate | null;
  /** Cohort, round or scheme as the source names it (e.g. "pilot", "cohort 2024"). */
  cohort: string | null;
  note: string | null;
}

export type PartnershipKind = 'LOCAL_ALLIANCE' | 'REGIONAL_NETWORK' | 'STATE_NETWORK';

export interface PartnershipRecord extends SourcedRecord {
  name: string;
  kind: PartnershipKind;
  description: string | null;
  /** States the partnership spans (ISO 3166-2). */
  states: StateCode[];
  /** Organisations that support, fund or coordinate it without being members. */
  supporterOrganizationIds: string[];
  startDate: PartialDate | null;
  endDate: PartialDate | null;
  website: string | null;
}

export type PartnershipMemberType = 'City' | 'Organization';

/** A city or organisation taking part in a partnership. */
export interface PartnershipMemberRecord extends SourcedRecord {
  partnershipId: string;
  memberType: PartnershipMemberType;
  memberId: string;
  role: string | null;
  startDate: PartialDate | null;
  endDate: PartialDate | null;
}

export type OrganizationKind =
  | 'CIVIL_SOCIETY'
  | 'MUNICIPAL_ADMINISTRATION'
  | 'FOUNDATION'
  | 'FEDERAL_GOVERNMENT'
  | 'STATE_GOVERNMENT'
  | 'MUNICIPAL_ASSOCIATION_BODY'
  | 'BUSINESS'
  | 'SCIENCE'
  | 'PROGRAMME_OFFICE'
  | 'OTHER';

export interface OrganizationRecord extends SourcedRecord {
  name: string;
  kind: OrganizationKind;
  /** The member place it is based in, where it is local. */
  cityId: string | null;
  description: string | null;
  website: string | null;
}

export interface CampaignRecord extends SourcedRecord {
  name: string;
  description: string | null;
  /** The partnership that runs it, if any. */
  partnershipId: string | null;
  cityIds: string[];
  launchDate: PartialDate | null;
  endDate: PartialDate | null;
  website: string | null;
  /** What the campaign asks the public to do; empty unless a source says it. */
  callToAction?: string | null;
  /** Who answers for the campaign: a function and a functional mailbox, never a person's own address. */
  contact?: CampaignContact | null;
}

export interface CampaignContact {
  /** The office or role (`Koordinierungsstelle Engagierte Stadt`), not a person's name. */
  function: string;
  /** A functional mailbox of that office. */
  email: string;
}

/**
 * A volunteer's portrait in a campaign. Personal data: stored only with a
 * consent record, public only while `published`, and erased (tombstone, no
 * fields) when consent is withdrawn.
 */
export interface PortraitRecord {
  /** `<campaignId>.<random>`: the campaign prefix names the item collection it lives in. */
  id: string;
  campaignId: string;
  /** Member place the person volunteers in, if it is one of the campaign's places. */
  cityId: string | null;
  /** The name exactly as the person consented to be shown. */
  displayName: string;
  quote: string | null;
  engagementArea: string;
  organization: string | null;
  photoUrl: string | null;
  photoAlt: string | null;
  photoCredit: string | null;
  published: boolean;
}

export type EventKind = 'NETWORK_MEETING' | 'REGIONAL_MEETING' | 'SEMINAR' | 'CONFERENCE' | 'KICKOFF' | 'OTHER';

export interface EventRecord extends SourcedRecord {
  name: string;
  kind: EventKind;
  description: string | null;
  startDate: PartialDate | null;
  endDate: PartialDate | null;
  /** Host member place, if the event took place in one. */
  cityId: string | null;
  /** Where it took place as the source says ("online", "Familienzentrum Neu-Ulm"). */
  venue: string | null;
  organizerOrganizationIds: string[];
  participantCount: number | null;
}

export interface ApplicationRoundRecord extends SourcedRecord {
  name: string;
  /** Year the round is known by (2015, 2020, 2021, 2022, 2023). */
  year: number;
  opensOn: PartialDate | null;
  closesOn: PartialDate | null;
  juryDate: PartialDate | null;
  admissionDate: PartialDate | null;
  minPopulation: number | null;
  maxPopulation: number | null;
  minPartners: number | null;
  applicationCount: number | null;
  admittedCount: number | null;
  criteria: string | null;
}

/** One row of the reference table of all German municipalities (Zensus 2022). */
export interface MunicipalityRecord {
  ags: string;
  ars: string;
  name: string;
  /** ISO 3166-2 code derived from the AGS's first two digits. */
  state: StateCode;
  /** Legal status as Destatis names it (kreisfreie Stadt, Stadt, Gemeinde, …). */
  kind: string;
  population: number;
  populationDate: PartialDate;
  lat: number;
  lon: number;
  /** The member place with this AGS, if any. */
  cityId: string | null;
}

export interface DataSourceRecord {
  id: string;
  title: string;
  url: string | null;
  licence: string | null;
  /** Source note that must accompany redistributed data. */
  attribution: string | null;
  description: string | null;
}

/** Reported network size at a date, as a source states it. */
export interface ReportedMemberCount {
  date: PartialDate;
  count: number;
  approximate: boolean;
  note: string | null;
  sourceUrl: string;
}

/** Everything the seed loader writes, as produced by `data/` build step. */
export interface SeedBundle {
  cities: CityRecord[];
  programs: ProgramRecord[];
  memberships: ProgramMembershipRecord[];
  partnerships: PartnershipRecord[];
  partnershipMembers: PartnershipMemberRecord[];
  organizations: OrganizationRecord[];
  campaigns: CampaignRecord[];
  events: EventRecord[];
  applicationRounds: ApplicationRoundRecord[];
  dataSources: DataSourceRecord[];
  reportedMemberCounts: ReportedMemberCount[];
}

/** The network programme whose memberships make a place a member place (`City`). */
export const NETWORK_PROGRAM_ID = 'engagierte-stadt';

/** Source of every municipality's census population (Zensus 2022, table 1000A-0000). */
export const ZENSUS_TABLE_URL = 'https://ergebnisse.zensus2022.de/datenbank/online/statistic/1000A/table/1000A-0000';
