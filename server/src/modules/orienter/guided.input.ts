import { Field, Float, ID, InputType } from 'type-graphql';
import { MaxLength } from '../../graphql/input-limits.js';

@InputType({ description: 'A person’s answers to the guided orientation.' })
export class GuidedOrientationInput {
  @Field(() => String, { description: 'A need’s key (`orientationQuestions.needs`).' })
  @MaxLength(40)
  need!: string;

  @Field(() => String, { nullable: true, description: 'A commune or a postcode.' })
  @MaxLength(120)
  commune?: string | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => ID, { nullable: true, description: 'Mode accompagnant: start from one of the helper’s own organizations.' })
  fromOrganizationId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Half-days (`lundi-matin`…), at most 14.' })
  @MaxLength(20)
  slots?: string[] | null;

  @Field(() => String, { nullable: true, description: '`marche`, `transports` or `aucun`.' })
  @MaxLength(20)
  travel?: string | null;

  @Field(() => [String], { nullable: true, description: 'What the person needs to be welcomed (`orientationQuestions.welcome`).' })
  @MaxLength(20)
  welcome?: string[] | null;
}

@InputType({ description: 'E-mails a fiche d’orientation to a person (the address is kept only until it is sent).' })
export class SendOrientationFicheInput {
  @Field(() => String)
  @MaxLength(120)
  slug!: string;

  @Field(() => String, { nullable: true })
  @MaxLength(40)
  need?: string | null;

  @Field(() => String, { nullable: true, description: 'The helper’s name as the person knows it, if they choose.' })
  @MaxLength(80)
  helperName?: string | null;

  @Field(() => String)
  @MaxLength(254)
  email!: string;
}
