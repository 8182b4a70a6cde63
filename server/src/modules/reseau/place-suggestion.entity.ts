import { Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { User } from '../comptes/user.entity.js';
import { Organization } from './organization.entity.js';
import { PlaceRequestStatus } from './place-claim.entity.js';

/** One suggested change: the value when it was suggested, and the value suggested (the standard's shape). */
export interface SuggestedChange {
  from: unknown;
  to: unknown;
}

/**
 * "Signaler une erreur": a member suggests changes to a place's fields; the people who decide for
 * the place (as for a claim) accept them (applied, dated today) or decline them. Read through
 * place-requests.service.ts, which shapes it for GraphQL (reseau.types.ts).
 */
@Entity({ tableName: 'place_suggestion' })
export class PlaceSuggestion extends BaseEntity<'status'> {
  @Index()
  @ManyToOne({ entity: () => Organization, deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  /** Null once its author deleted their account: the suggestion stays in the place's history. */
  @Index()
  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  author?: Rel<User> | null;

  @Property({ type: 'json' })
  changes!: Record<string, SuggestedChange>;

  @Property({ type: 'string', length: 1000, nullable: true })
  comment?: string | null;

  @Enum({ items: () => PlaceRequestStatus, nativeEnumName: 'place_request_status', default: PlaceRequestStatus.PENDING })
  status: PlaceRequestStatus = PlaceRequestStatus.PENDING;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null' })
  decidedBy?: Rel<User> | null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;
}
