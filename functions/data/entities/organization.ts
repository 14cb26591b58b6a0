import type { OrganizationRecord } from '../model';
import { Problems } from './entity';
import { standaloneEntity } from './standalone';

export const ORGANIZATION_KINDS = [
  'CIVIL_SOCIETY',
  'MUNICIPAL_ADMINISTRATION',
  'FOUNDATION',
  'FEDERAL_GOVERNMENT',
  'STATE_GOVERNMENT',
  'MUNICIPAL_ASSOCIATION_BODY',
  'BUSINESS',
  'SCIENCE',
  'PROGRAMME_OFFICE',
  'OTHER',
] as const;

/** An organisation; one based in a member place also sits in that place's collection (gsi1). */
export const Organization = standaloneEntity<'Organization', OrganizationRecord>(
  'Organization',
  (organization) => {
    const p = new Problems(`organization ${organization.id}`);
    p.slug('id', organization.id);
    p.text('name', organization.name);
    p.oneOf('kind', organization.kind, ORGANIZATION_KINDS);
    p.optionalSlug('cityId', organization.cityId);
    p.sourced(organization.sourceUrls);
    p.url('website', organization.website);
    return p.list;
  },
  (organization) => organization.cityId,
);
