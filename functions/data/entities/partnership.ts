import type { PartnershipRecord } from '../model';
import { Problems } from './entity';
import { standaloneEntity } from './standalone';

export const PARTNERSHIP_KINDS = ['LOCAL_ALLIANCE', 'REGIONAL_NETWORK', 'STATE_NETWORK'] as const;

export const Partnership = standaloneEntity<'Partnership', PartnershipRecord>('Partnership', (partnership) => {
  const p = new Problems(`partnership ${partnership.id}`);
  p.slug('id', partnership.id);
  p.text('name', partnership.name);
  p.oneOf('kind', partnership.kind, PARTNERSHIP_KINDS);
  p.sourced(partnership.sourceUrls);
  p.url('website', partnership.website);
  p.dates(partnership.startDate, partnership.endDate);
  for (const state of partnership.states ?? []) p.state('states', state);
  p.slugList('supporterOrganizationIds', partnership.supporterOrganizationIds);
  return p.list;
});
