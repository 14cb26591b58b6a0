import type { FeedEntityType } from '../keys';
import type {
  ApplicationRoundRecord,
  CampaignRecord,
  CityRecord,
  DataSourceRecord,
  EventRecord,
  OrganizationRecord,
  PartnershipMemberRecord,
  PartnershipRecord,
  PortraitRecord,
  ProgramMembershipRecord,
  ProgramRecord,
} from '../model';
import { ApplicationRound } from './application-round';
import { Campaign } from './campaign';
import { City } from './city';
import { DataSource } from './data-source';
import type { EntityDefinition } from './entity';
import { Event } from './event';
import { ProgramMembership } from './membership';
import { Organization } from './organization';
import { Partnership } from './partnership';
import { PartnershipMember } from './partnership-member';
import { Portrait } from './portrait';
import { Program } from './program';

/** The record type of each entity the change feed carries. */
export interface FeedRecords {
  City: CityRecord;
  Program: ProgramRecord;
  ProgramMembership: ProgramMembershipRecord;
  Partnership: PartnershipRecord;
  PartnershipMember: PartnershipMemberRecord;
  Organization: OrganizationRecord;
  Campaign: CampaignRecord;
  Event: EventRecord;
  ApplicationRound: ApplicationRoundRecord;
  DataSource: DataSourceRecord;
  Portrait: PortraitRecord;
}

/** Every network entity's definition, by type. */
export const ENTITIES: { readonly [T in FeedEntityType]: EntityDefinition<T, FeedRecords[T]> } = {
  City,
  Program,
  ProgramMembership,
  Partnership,
  PartnershipMember,
  Organization,
  Campaign,
  Event,
  ApplicationRound,
  DataSource,
  Portrait,
};

export { Municipality } from './municipality';
export {
  META_ATTRIBUTES,
  decodeMeta,
  decodeRecord,
  encodeItem,
  isTombstone,
  tombstoneItem,
  type EntityDefinition,
  type EntityRef,
  type EntityMeta,
  type Writer,
} from './entity';
