import type { CampaignRecord } from '../model';
import { Problems } from './entity';
import { standaloneEntity } from './standalone';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A campaign. Its `cityIds` are copied into CampaignCity items (one per place) by the write module. */
export const Campaign = standaloneEntity<'Campaign', CampaignRecord>(
  'Campaign',
  (campaign) => {
  const p = new Problems(`campaign ${campaign.id}`);
  p.slug('id', campaign.id);
  p.text('name', campaign.name);
  p.optionalSlug('partnershipId', campaign.partnershipId);
  p.slugList('cityIds', campaign.cityIds);
  if (new Set(campaign.cityIds ?? []).size !== (campaign.cityIds ?? []).length) p.add('cityIds has duplicates');
  p.sourced(campaign.sourceUrls);
  p.url('website', campaign.website);
  p.dates(campaign.launchDate, campaign.endDate);
  p.text('callToAction', campaign.callToAction, true);
  if (campaign.contact !== null && campaign.contact !== undefined) {
    p.text('contact.function', campaign.contact.function);
    // Only the shape can be checked here; that it is an office's mailbox is the editor's promise (docs/PRIVACY.md).
    if (typeof campaign.contact.email !== 'string' || !EMAIL.test(campaign.contact.email)) p.add('contact.email is not an e-mail address');
  }
  return p.list;
},
  () => null,
  // Each of its places gets a CampaignCity item in that place's collection.
  (campaign) => (campaign.cityIds ?? []).map((id) => ({ type: 'City' as const, id })),
);
