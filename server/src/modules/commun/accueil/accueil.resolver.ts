import { Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { CurrentViewer } from '../../../graphql/auth.js';
import type { Viewer } from '../../comptes/viewer.js';
import type { Context } from '../../../graphql/context.js';
import { NearInput } from '../../../graphql/near.input.js';
import { timeZoneOfDepartement } from '../../../shared/territory.js';
import type { HomeFilter } from './accueil-provider.js';
import { checkHomeFilter, homeFigures, homeForMe, homeSections, itemsPerSection } from './accueil.service.js';

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

/**
 * The pulse of the network. Each of its parts is read only when the client asks for it (its field
 * resolver below): a page that shows the figures alone costs one statement.
 */
@ObjectType({ description: 'The pulse of the network.' })
export class Home {
  /** What the parts are read for (not GraphQL fields). */
  filter!: HomeFilter;
  limit!: number;
}

@Resolver(() => HomeItem)
export class HomeItemResolver {
  @FieldResolver(() => String, { description: 'The time zone of its département, the clock its `at` is read on ("Europe/Paris"…).' })
  timeZone(@Root() item: HomeItem): string {
    return timeZoneOfDepartement(item.departement);
  }
}

@Resolver(() => Home)
export class HomeResolver {
  @Query(() => Home)
  home(@Args(() => HomeArgs) args: HomeArgs): Home {
    return { filter: checkHomeFilter({ departement: args.departement, near: args.near }), limit: itemsPerSection(args.perSection ?? 6) };
  }

  @FieldResolver(() => [HomeSection], { description: 'The latest items of every section, each with its kind.' })
  sections(@Root() home: Home, @Ctx() ctx: Context): Promise<HomeSection[]> {
    return homeSections(ctx.em, ctx.lang, home.filter, home.limit);
  }

  @FieldResolver(() => [NetworkFigure])
  figures(@Ctx() ctx: Context): Promise<NetworkFigure[]> {
    return homeFigures(ctx.em, ctx.lang);
  }

  @FieldResolver(() => [HomeSection], { description: 'For a signed-in member: what concerns them (empty for a visitor).' })
  forMe(@Root() home: Home, @CurrentViewer() user: Viewer | null, @Ctx() ctx: Context): Promise<HomeSection[]> {
    return homeForMe(ctx.em, user, ctx.lang, home.limit);
  }
}
