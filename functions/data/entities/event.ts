import type { EventRecord } from '../model';
import { Problems } from './entity';
import { standaloneEntity } from './standalone';

export const EVENT_KINDS = ['NETWORK_MEETING', 'REGIONAL_MEETING', 'SEMINAR', 'CONFERENCE', 'KICKOFF', 'OTHER'] as const;

/** An event; one hosted by a member place also sits in that place's collection (gsi1). */
export const Event = standaloneEntity<'Event', EventRecord>(
  'Event',
  (event) => {
    const p = new Problems(`event ${event.id}`);
    p.slug('id', event.id);
    p.text('name', event.name);
    p.oneOf('kind', event.kind, EVENT_KINDS);
    p.optionalSlug('cityId', event.cityId);
    p.slugList('organizerOrganizationIds', event.organizerOrganizationIds);
    p.integer('participantCount', event.participantCount);
    p.sourced(event.sourceUrls);
    p.dates(event.startDate, event.endDate);
    return p.list;
  },
  (event) => event.cityId,
);
