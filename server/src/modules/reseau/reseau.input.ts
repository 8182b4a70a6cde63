import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection.js';
import { Metier } from '../comptes/user.entity.js';
import { NearInput } from './organisations.input.js';
import { FileText, MaxLength } from '../../graphql/input-limits.js';

@ArgsType()
export class PeopleArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Words of the name, commune, presentation or expertise; accents and case ignored.' })
  search?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Words of the name only (first or last name, each as the start of a word); accents and case ignored. To find someone by name (adding a member): `search` also matches the commune, the presentation and the skills.',
  })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'An expertise tag (any spelling: "Aidants Connect" = "aidants-connect").' })
  tag?: string | null;

  @Field(() => Metier, { nullable: true })
  metier?: Metier | null;

  @Field(() => String, { nullable: true })
  departement?: string | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => NearInput, { nullable: true, description: 'People whose organizations are within the radius, nearest first.' })
  near?: NearInput | null;
}

@InputType()
export class ImportPlacesInput {
  @Field(() => String, {
    nullable: true,
    description: 'The file as text: CSV (`,` `;` or tab between columns) or JSON, standard v1.0.2 or v0. Give it or `contentBase64`.',
  })
  @MaxLength(4000000)
  @FileText()
  content?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The file’s bytes in base64, when they may not be UTF-8: the encoding is detected (windows-1252…) and named in the report.',
  })
  @MaxLength(4000000)
  contentBase64?: string | null;

  @Field(() => String, { nullable: true, description: '"csv" or "json"; guessed from the content when absent.' })
  format?: string | null;

  @Field(() => ID, { nullable: true, description: "For a network's admins: the network the places join." })
  networkId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who collected the data ("Cartographie nationale", a network…), for the rows without their own `source` column.',
  })
  @MaxLength(200)
  source?: string | null;
}
