import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'A sentence to show the person, in their language; the same whatever the address (it tells no one whether an address has an account).',
  simpleResolvers: true,
})
export class AccountMessage {
  @Field(() => String)
  message!: string;
}
