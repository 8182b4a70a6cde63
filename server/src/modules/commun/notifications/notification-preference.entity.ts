import { Entity, Enum, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../../shared/base.entity.js';
import { User } from '../../comptes/user.entity.js';
import { DeliveryChannel } from './notification-kinds.js';

/** A member's choice for one kind of notification; without a row, the kind's default applies. */
@Entity({ tableName: 'notification_preference' })
@Unique({ properties: ['user', 'kind'] })
export class NotificationPreference extends BaseEntity {
  @ManyToOne({ entity: () => User, deleteRule: 'cascade' })
  user!: Rel<User>;

  @Property({ type: 'string', length: 60 })
  kind!: string;

  @Enum({ items: () => DeliveryChannel, nativeEnumName: 'delivery_channel' })
  channel!: DeliveryChannel;
}
