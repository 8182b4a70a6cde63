import { Entity, Enum, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../../shared/base.entity.js';
import { User } from '../../comptes/user.entity.js';

export enum OutboxStatus {
  PENDING = 'pending',
  /** Claimed by a worker that is talking to the SMTP server. */
  SENDING = 'sending',
  SENT = 'sent',
  /** Given up: too many failures, or a worker stopped mid-send (not resent, to never send twice). */
  FAILED = 'failed',
}

export interface OutboxItem {
  message: string;
  link?: string | null;
  at: string;
}

/** What an e-mail says; rendered into text when it is sent, with the site's public address. */
export interface OutboxPayload {
  name: string;
  lang: 'fr' | 'en';
  digest: boolean;
  items: OutboxItem[];
  /** An e-mail about the account itself (link to confirm, reset…): sent whatever the preferences, with its own footer. */
  account?: boolean;
  /** An e-mail to someone who is not a member (a fiche d'orientation): its own greeting, text and footer. */
  plain?: { greeting: string; body: string; footer: string; link?: string };
  /** The address is forgotten (emptied) once the e-mail is sent or given up: it was kept only to send it. */
  forgetAddress?: boolean;
}

/**
 * E-mails waiting to be sent. Written in the transaction of the change they tell about,
 * drained by the e-mail worker (email-worker.ts, beside this file) when SMTP_URL is set.
 */
@Entity({ tableName: 'email_outbox' })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class EmailOutbox extends BaseEntity<'status' | 'attempts' | 'nextAttemptAt'> {
  @ManyToOne({ entity: () => User, deleteRule: 'set null', nullable: true })
  recipient?: Rel<User> | null;

  @Property({ type: 'string', length: 254 })
  toAddress!: string;

  /** "notification", "digest" or the notification kind it carries. */
  @Property({ type: 'string', length: 60 })
  kind!: string;

  @Property({ type: 'string', length: 300 })
  subject!: string;

  @Property({ type: 'json' })
  payload!: OutboxPayload;

  @Enum({ items: () => OutboxStatus, nativeEnumName: 'outbox_status', default: OutboxStatus.PENDING })
  status: OutboxStatus = OutboxStatus.PENDING;

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  claimedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;
}
