import { Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../../shared/base.entity.js';
import { User } from '../../comptes/user.entity.js';

/**
 * One sensitive action: a moderation decision, a role change, an account deletion.
 * Append-only (a trigger refuses updates and deletes). Names are not copied here: the people
 * are referenced, so a deleted account reads "compte supprimé" in the log too.
 */
@Entity({ tableName: 'audit_log' })
@Index({ properties: ['createdAt'] })
@Index({ name: 'audit_log_content_type_page_index', properties: ['contentType', 'createdAt', 'id'] })
export class AuditLogEntry extends BaseEntity {
  /** Null when done from the server's command line (`npm run cli`). */
  @ManyToOne({ entity: () => User, deleteRule: 'set null', nullable: true })
  actor?: Rel<User> | null;

  /** "moderation.hide", "moderation.restore", "moderation.dismiss", "moderation.warn", "moderation.suspend", "moderation.lift", "role.change", "account.delete"; the sections' (`reseau.place_claim_accepted`…). */
  @Property({ type: 'string', length: 60 })
  action!: string;

  @Index()
  @ManyToOne({ entity: () => User, deleteRule: 'set null', nullable: true })
  targetUser?: Rel<User> | null;

  @Property({ type: 'string', length: 60, nullable: true })
  contentType?: string | null;

  @Property({ type: 'uuid', nullable: true })
  contentId?: string | null;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  /** Details of the action, e.g. { from: "member", to: "moderator" } or { until: "…" }. */
  @Property({ type: 'json', nullable: true })
  data?: Record<string, unknown> | null;
}
