import { isSlug } from '../data/keys';

/** Types whose objects carry a global id. */
export const NODE_TYPES = [
  'City',
  'Program',
  'ProgramMembership',
  'Partnership',
  'PartnershipMember',
  'Organization',
  'Campaign',
  'Event',
  'ApplicationRound',
  'DataSource',
  'Municipality',
  'Portrait',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** Global ids are readable on purpose (`City:dessau-rosslau`): third parties log and link them. */
export function toGlobalId(type: NodeType, key: string): string {
  return `${type}:${key}`;
}

export function fromGlobalId(id: string): { type: NodeType; key: string } | null {
  const cut = id.indexOf(':');
  if (cut <= 0) return null;
  const type = id.slice(0, cut) as NodeType;
  const key = id.slice(cut + 1);
  return (NODE_TYPES as readonly string[]).includes(type) && key.length > 0 && key.length <= 200 ? { type, key } : null;
}

/**
 * The slug an `id` argument names for a type: accepts the global id
 * (`City:dessau-rosslau`) or the bare slug. Null when the id belongs to another
 * type or cannot be a slug, which the caller answers as "not found".
 */
export function slugFromIdArgument(type: NodeType, id: string): string | null {
  const parsed = fromGlobalId(id);
  const key = parsed ? (parsed.type === type ? parsed.key : null) : id;
  return key !== null && isSlug(key) ? key : null;
}
