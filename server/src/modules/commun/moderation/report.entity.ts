import { Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../../shared/base.entity.js';
import { User } from '../../comptes/user.entity.js';

export enum ReportReason {
  SPAM = 'spam',
  /** Insults, harassment, aggressive tone. */
  ABUSE = 'abuse',
  /** Discrimination or hatred. */
  HATE = 'hate',
  /** Someone's personal data made public (phone, address, file number…). */
  PERSONAL_DATA = 'personal_data',
  /** False or dangerous information (scam, fake procedure). */
  MISLEADING = 'misleading',
  ILLEGAL = 'illegal',
  OTHER = 'other',
}
registerEnumType(ReportReason, { name: 'ReportReason' });

export enum ReportStatus {
  OPEN = 'open',
  /** The content was hidden. */
  UPHELD = 'upheld',
  /** Looked at; nothing to do. */
  DISMISSED = 'dismissed',
}
registerEnumType(ReportStatus, { name: 'ReportStatus' });

/** A member's report of one content. A member reports a given content once. */
@Entity({ tableName: 'report' })
@Unique({ properties: ['reporter', 'contentType', 'contentId'] })
@Index({ properties: ['status', 'contentType', 'contentId'] })
export class Report extends BaseEntity<'status'> {
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  reporter!: Rel<User>;

  @Property({ type: 'string', length: 60 })
  contentType!: string;

  @Property({ type: 'uuid' })
  contentId!: string;

  @Enum({ items: () => ReportReason, nativeEnumName: 'report_reason' })
  reason!: ReportReason;

  @Property({ type: 'text', nullable: true })
  details?: string | null;

  @Enum({ items: () => ReportStatus, nativeEnumName: 'report_status', default: ReportStatus.OPEN })
  status: ReportStatus = ReportStatus.OPEN;

  @ManyToOne({ entity: () => User, deleteRule: 'set null', nullable: true })
  resolvedBy?: Rel<User> | null;

  @Property({ type: 'datetime', nullable: true })
  resolvedAt?: Date | null;
}
