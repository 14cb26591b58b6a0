import { ID_SEPARATOR, isSlug, membershipIndexKeys, membershipKey, programIdOfMembership } from '../keys';
import type { ProgramMembershipRecord } from '../model';
import { Problems, type EntityDefinition } from './entity';

/**
 * A participation in a programme, stored in the programme's item collection.
 * Its id is a surrogate: `<programId>.<rest>`, where only the programme prefix
 * is ever read back (to find the partition). Seeded memberships keep the ids
 * they were first seeded with; new ones get a random rest.
 */
export const ProgramMembership: EntityDefinition<'ProgramMembership', ProgramMembershipRecord> = {
  type: 'ProgramMembership',
  idOf: (membership) => membership.id,
  key: (id) => membershipKey(id),
  indexKeys: (membership) => membershipIndexKeys(membership.id, membership.programId, membership.cityId),
  references: (membership) => [{ type: 'Program', id: membership.programId }, ...(membership.cityId ? [{ type: 'City' as const, id: membership.cityId }] : [])],
  validate: (membership) => {
    const p = new Problems(`membership ${membership.id}`);
    p.slug('programId', membership.programId);
    if (programIdOfMembership(membership.id) !== membership.programId) p.add(`id does not start with its programme "${membership.programId}${ID_SEPARATOR}"`);
    const rest = membership.id.slice(membership.id.indexOf(ID_SEPARATOR) + 1);
    if (!rest.split(ID_SEPARATOR).every((part) => isSlug(part) || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(part))) p.add('malformed id');
    p.optionalSlug('cityId', membership.cityId);
    p.text('participantName', membership.participantName);
    p.state('participantState', membership.participantState, true);
    p.ags('participantAgs', membership.participantAgs);
    p.sourced(membership.sourceUrls);
    p.dates(membership.startDate, membership.endDate);
    return p.list;
  },
};
