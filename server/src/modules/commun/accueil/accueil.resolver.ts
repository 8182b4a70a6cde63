import { Args, ArgsType, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { CurrentUser } from '../../../graphql/auth.js';
import type { Context } from '../../../graphql/context.js';
import { NearInput } from '../../../graphql/near.input.js';
import type { User } from '../../comptes/user.entity.js';
import { checkHomeFilter, getHome } from './accueil.service.js';

@ArgsType()
export class HomeArgs {
  @Field(() => String, { nullable: true, description: 'Only what happens in this département ("44").' })
  departement?: string | null;

  @Field(() => NearInput, { nullable: true, description: 'Only what is near this point.' })
  near?: NearInput | null;

  @Field(() => Int, { nullable: true, description: 'Items per section (1 to 20, 6 by default).' })
  perSection?: number | null;
}

@ObjectType({ description: 'One item of the home page; `kind` says which section it comes from ("entraide.question"…).' })
export class HomeItem {
  @Field(() => String)
  kind!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  summary!: string | null;

  @Field(() => String)
  link!: string;

  @Field(() => Date, { description: 'Published at, or starts at for an event.' })
  at!: Date;

  @Field(() => String, { nullable: true })
  departement!: string | null;

  @Field(() => String, { nullable: true })
  place!: string | null;
}

@ObjectType()
export class HomeSection {
  @Field(() => String)
  kind!: string;

  @Field(() => String, { description: 'Title of the section, in the language of the request.' })
  label!: string;

  @Field(() => [HomeItem])
  items!: HomeItem[];
}

@ObjectType()
export class NetworkFigure {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Float)
  value!: number;
}

@ObjectType({ description: 'The pulse of the network.' })
export class Home {
  @Field(() => [HomeSection], { description: 'The latest items of every section, each with its kind.' })
  sections!: HomeSection[];

  @Field(() => [NetworkFigure])
  figures!: NetworkFigure[];

  @Field(() => [HomeSection], { description: 'For a signed-in member: what concerns them (empty for a visitor).' })
  forMe!: HomeSection[];
}

@Resolver()
export class HomeResolver {
  @Query(() => Home)
  async home(@Args(() => HomeArgs) args: HomeArgs, @CurrentUser() user: User | null, @Ctx() ctx: Context): Promise<Home> {
    const filter = checkHomeFilter({ departement: args.departement, near: args.near });
    return getHome(ctx.em, user, ctx.lang, filter, args.perSection ?? 6);
  }
}
