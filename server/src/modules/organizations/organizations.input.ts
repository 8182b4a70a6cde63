import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection.js';
import { OrganizationKind } from './organization.entity.js';

@InputType()
export class CreateOrganizationInput {
  @Field(() => String)
  name!: string;

  @Field(() => OrganizationKind, { nullable: true })
  kind?: OrganizationKind | null;
}

@InputType()
export class CreateManagedAccountInput {
  @Field(() => ID, { description: 'The organization that tutors the person.' })
  organizationId!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  email!: string;
}

@ArgsType()
export class OrganizationsArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  search?: string | null;

  @Field(() => OrganizationKind, { nullable: true })
  kind?: OrganizationKind | null;
}
