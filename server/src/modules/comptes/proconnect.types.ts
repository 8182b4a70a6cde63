import { Field, ObjectType } from 'type-graphql';

/** What `signOut` answers: where to send the browser next, when the session was opened with ProConnect. */
@ObjectType()
export class SignOutResult {
  @Field(() => String, {
    nullable: true,
    description:
      "For a session opened with ProConnect: the provider's address that ends the ProConnect session too, then comes back to /auth/proconnect/deconnexion. Null otherwise.",
  })
  providerLogoutUrl!: string | null;
}
