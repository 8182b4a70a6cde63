import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../graphql/context.js';

@ObjectType({ description: 'Who publishes this site, for the "mentions légales" page; null where the operator has not set it yet.' })
export class SiteLegalView {
  @Field(() => String, { nullable: true, description: 'The publisher: name, legal form, address (LEGAL_PUBLISHER).' })
  publisher!: string | null;

  @Field(() => String, { nullable: true, description: 'The host: name, address, phone (LEGAL_HOST).' })
  host!: string | null;

  @Field(() => String, { nullable: true, description: 'The director of publication (LEGAL_DIRECTOR).' })
  director!: string | null;

  @Field(() => String, { nullable: true, description: 'Where to write about the site, personal data and accessibility (LEGAL_CONTACT).' })
  contact!: string | null;
}

@Resolver()
export class SiteResolver {
  @Query(() => SiteLegalView, { description: 'The legal information of this site (public).' })
  siteLegal(@Ctx() ctx: Context): SiteLegalView {
    const legal = ctx.config.legal;
    return {
      publisher: legal.publisher ?? null,
      host: legal.host ?? null,
      director: legal.director ?? null,
      contact: legal.contact ?? null,
    };
  }
}
