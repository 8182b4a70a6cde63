import { Field, InputType } from 'type-graphql';

@InputType({ description: 'The token of a link sent by e-mail.' })
export class EmailLinkInput {
  @Field(() => String)
  token!: string;
}

@InputType()
export class ChangeEmailInput {
  @Field(() => String, { description: 'The current password: changing the address needs it.' })
  password!: string;

  @Field(() => String)
  newEmail!: string;
}
