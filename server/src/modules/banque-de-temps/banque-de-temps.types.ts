import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/connection.js';
import { HAS_PROFILE_DESCRIPTION } from '../comptes/comptes.read.js';
import { ExchangeStatus } from './exchange.entity.js';
import { TransferKind } from './ledger.entity.js';
import { PostCategory, PostKind, PostStatus } from './post.entity.js';

@ObjectType({ description: 'A member as the time bank shows them.' })
export class TimebankMember {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Boolean, { description: HAS_PROFILE_DESCRIPTION })
  hasProfile!: boolean;

  @Field(() => String, { nullable: true })
  commune?: string | null;
}

@ObjectType('TimebankSettings', { description: 'Limits that keep time circulating, set by the platform admin.' })
export class TimebankSettingsView {
  @Field(() => Int, { description: 'Lowest balance a debit may reach, in minutes (e.g. −600 = −10 h).' })
  floorMinutes!: number;

  @Field(() => Int, { description: 'Highest balance; what a credit would add above it goes to the solidarity pool.' })
  ceilingMinutes!: number;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType({ description: 'One line of a statement: one entry of the ledger, seen from the account it belongs to.' })
export class StatementLine {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => TransferKind)
  kind!: TransferKind;

  @Field(() => Int, { description: 'Signed minutes: negative when time leaves the account.' })
  amountMinutes!: number;

  @Field(() => Int)
  balanceAfterMinutes!: number;

  @Field(() => String, {
    description: 'What happened, in words ("Virement à Karim Benali", "Au-delà du plafond : versé au fonds commun").',
  })
  label!: string;

  @Field(() => String, { nullable: true })
  memo?: string | null;

  @Field(() => TimebankMember, { nullable: true, description: 'The other member, if any (null when the other side is the pool).' })
  counterpart?: TimebankMember | null;

  @Field(() => Boolean, { description: 'The other side is the solidarity pool (fonds commun).' })
  withPool!: boolean;

  @Field(() => Int, { description: 'For the credit that reached the ceiling: the minutes that went on to the pool.' })
  overflowMinutes!: number;

  @Field(() => ID)
  transferId!: string;

  @Field(() => ID, { nullable: true })
  exchangeId?: string | null;
}

@ObjectType()
export class StatementConnection extends connectionOf(StatementLine) {}

@ObjectType('TimebankAccount', { description: "The signed-in member's time account." })
export class TimebankAccountView {
  /** Not exposed: the statement resolver reads it. */
  accountId!: string | null;

  @Field(() => Int)
  balanceMinutes!: number;

  @Field(() => Int)
  floorMinutes!: number;

  @Field(() => Int)
  ceilingMinutes!: number;

  @Field(() => Int, { description: 'What the member can still give: balance minus floor (never negative).' })
  availableMinutes!: number;

  @Field(() => Boolean, { description: 'May grant hours from the solidarity pool (platform admin or admin of a network).' })
  isCoordinator!: boolean;
}

@ObjectType('TimebankPool', { description: 'The solidarity pool (fonds commun).' })
export class TimebankPoolView {
  accountId!: string;

  @Field(() => Int)
  balanceMinutes!: number;
}

@ObjectType({ description: 'The result of a transfer (also when a retried request finds it already posted).' })
export class TransferReceipt {
  @Field(() => ID)
  transferId!: string;

  @Field(() => TransferKind)
  kind!: TransferKind;

  @Field(() => Int, { description: 'Minutes that left the payer.' })
  minutes!: number;

  @Field(() => Int, { description: 'Minutes the receiver kept.' })
  receivedMinutes!: number;

  @Field(() => Int, { description: 'Minutes that went on to the solidarity pool because the receiver reached the ceiling.' })
  toPoolMinutes!: number;

  @Field(() => Boolean, { description: 'True when this idempotency key had already posted: nothing moved again.' })
  replayed!: boolean;

  @Field(() => Int, { description: "The payer's balance now." })
  payerBalanceMinutes!: number;

  @Field(() => TimebankMember, { nullable: true, description: 'Null when the receiver is the pool.' })
  to?: TimebankMember | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('TimebankPost', { description: 'An offer or a request of the time bank.', simpleResolvers: true })
export class TimebankPostView {
  @Field(() => ID)
  id!: string;

  @Field(() => PostKind)
  kind!: PostKind;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'Markdown as written.' })
  description!: string;

  @Field(() => PostCategory)
  category!: PostCategory;

  @Field(() => [String])
  tags!: string[];

  @Field(() => String, { nullable: true })
  departement?: string | null;

  @Field(() => String, { nullable: true })
  commune?: string | null;

  @Field(() => String, { nullable: true })
  availability?: string | null;

  @Field(() => PostStatus)
  status!: PostStatus;

  @Field(() => TimebankMember)
  author!: TimebankMember;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  closedAt?: Date | null;

  @Field(() => Boolean, { description: 'Hidden by moderation (only its author and moderators still see it).' })
  hidden!: boolean;

  @Field(() => String, { nullable: true })
  hiddenReason?: string | null;
}

@ObjectType()
export class TimebankPostConnection extends connectionOf(TimebankPostView) {}

export enum ExchangeRole {
  PROVIDER = 'provider',
  BENEFICIARY = 'beneficiary',
}
registerEnumType(ExchangeRole, { name: 'ExchangeRole' });

@ObjectType({ description: 'What the signed-in person may do now on an exchange.' })
export class ExchangeActions {
  @Field(() => Boolean) accept!: boolean;
  @Field(() => Boolean) complete!: boolean;
  @Field(() => Boolean) confirm!: boolean;
  @Field(() => Boolean) cancel!: boolean;
  @Field(() => Boolean) flag!: boolean;
}

@ObjectType({ description: 'The post an exchange comes from.' })
export class ExchangePost {
  @Field(() => ID) id!: string;
  @Field(() => PostKind) kind!: PostKind;
  @Field(() => String) title!: string;
}

@ObjectType('TimebankExchange', {
  description: 'A service given by a provider to a beneficiary, paid in time once the beneficiary confirms.',
})
export class TimebankExchangeView {
  @Field(() => ID) id!: string;
  @Field(() => ExchangeStatus) status!: ExchangeStatus;
  @Field(() => ExchangePost) post!: ExchangePost;
  @Field(() => TimebankMember, { description: 'Gives the service, earns the time.' }) provider!: TimebankMember;
  @Field(() => TimebankMember, { description: 'Receives the service, pays the time.' }) beneficiary!: TimebankMember;
  @Field(() => TimebankMember) proposedBy!: TimebankMember;
  @Field(() => Int, { description: 'Time foreseen.' }) minutes!: number;
  @Field(() => Int, { nullable: true, description: 'Time actually spent (what is paid).' }) spentMinutes?: number | null;
  @Field(() => String, { nullable: true }) message?: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) acceptedAt?: Date | null;
  @Field(() => Date, { nullable: true }) doneAt?: Date | null;
  @Field(() => Date, { nullable: true }) confirmedAt?: Date | null;
  @Field(() => Date, { nullable: true }) cancelledAt?: Date | null;
  @Field(() => Date, { nullable: true }) disputedAt?: Date | null;
  @Field(() => String, { nullable: true }) disputeReason?: string | null;
  @Field(() => ID, { nullable: true, description: 'The transfer posted at confirmation.' }) transferId?: string | null;
  @Field(() => ExchangeRole, { nullable: true, description: "The signed-in person's side, null when not a party." })
  myRole?: ExchangeRole | null;
  @Field(() => ExchangeActions) actions!: ExchangeActions;
}

@ObjectType()
export class TimebankExchangeConnection extends connectionOf(TimebankExchangeView) {}

@ObjectType({ description: 'How time circulates in the network (public figures).' })
export class LedgerStats {
  @Field(() => String, { description: 'The month counted, "YYYY-MM" (Europe/Paris).' })
  month!: string;

  @Field(() => Int, { description: 'Members who gave or received time between members this month.' })
  membersExchangedThisMonth!: number;

  @Field(() => Int, { description: 'Minutes moved between members this month (exchanges and direct transfers).' })
  minutesExchangedThisMonth!: number;

  @Field(() => Int, { description: 'Exchanges and direct transfers between members this month.' })
  transfersThisMonth!: number;

  @Field(() => Float, {
    description:
      "Share (0 to 1) of this month's participations in transfers made by the 10% most active members (rounded up to at least one member).",
  })
  topTenPercentShare!: number;

  @Field(() => Int, { description: 'Members who ever gave or received time.' })
  membersEverExchanged!: number;

  @Field(() => Int)
  poolBalanceMinutes!: number;

  @Field(() => Int, { description: 'Sum of all balances, pool included: always 0 (mutual credit).' })
  sumOfBalancesMinutes!: number;
}
