import { partnershipMemberId, partnershipMemberIndexKeys, partnershipMemberKey } from '../keys';
import type { PartnershipMemberRecord } from '../model';
import { Problems, type EntityDefinition } from './entity';

/**
 * A city or organisation in a partnership. Its id names the edge
 * (`<partnershipId>.<memberType>.<memberId>`), which never changes: a corrected
 * role or date keeps it.
 */
export const PartnershipMember: EntityDefinition<'PartnershipMember', PartnershipMemberRecord> = {
  type: 'PartnershipMember',
  idOf: (member) => member.id,
  key: (id) => partnershipMemberKey(id),
  indexKeys: (member) => partnershipMemberIndexKeys(member.id, member.partnershipId, member.memberType, member.memberId),
  references: (member) => [
    { type: 'Partnership', id: member.partnershipId },
    { type: member.memberType, id: member.memberId },
  ],
  validate: (member) => {
    const p = new Problems(`partnershipMember ${member.id}`);
    p.slug('partnershipId', member.partnershipId);
    p.oneOf('memberType', member.memberType, ['City', 'Organization']);
    p.slug('memberId', member.memberId);
    if (member.id !== partnershipMemberId(member.partnershipId, member.memberType, member.memberId)) {
      p.add('id does not match its partnership and member');
    }
    p.sourced(member.sourceUrls);
    p.dates(member.startDate, member.endDate);
    return p.list;
  },
};
