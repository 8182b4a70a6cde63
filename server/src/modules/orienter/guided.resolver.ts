import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { CurrentUser } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import type { User } from '../comptes/user.entity.js';
import { ficheOf, sendFiche } from './fiche.service.js';
import { DAYS, HALF_DAYS, NEEDS, TRAVEL, WELCOME_NEEDS } from './needs.js';
import { orient, type RankedPlace } from './guided.service.js';
import { GuidedOrientationInput, SendOrientationFicheInput } from './guided.input.js';
import { OrientationFiche, GuidedOrientationPlace, GuidedOrientationQuestions, GuidedOrientationResult } from './guided.types.js';

function placeView(ranked: RankedPlace): GuidedOrientationPlace {
  const { place } = ranked;
  return {
    slug: place.slug,
    name: place.name,
    adresse: place.adresse,
    commune: place.commune,
    telephone: place.telephone,
    distanceKm: place.distanceKm,
    openAtChosenTimes: ranked.openAtChosenTimes,
    comesToThePerson: ranked.comesToThePerson,
    reasons: ranked.reasons,
    warnings: ranked.warnings,
  };
}

@Resolver()
export class GuidedOrientationResolver {
  @Query(() => GuidedOrientationQuestions, { description: 'The questions of the guided orientation, in everyday words.' })
  guidedOrientationQuestions(@Ctx() ctx: Context): GuidedOrientationQuestions {
    const choices = (list: ReadonlyArray<{ key: string; label: { fr: string; en: string } }>) =>
      list.map((item) => ({ key: item.key, label: item.label[ctx.lang] }));
    return {
      needs: choices(NEEDS),
      days: choices(DAYS),
      halfDays: choices(HALF_DAYS),
      travel: choices(TRAVEL),
      welcome: choices(WELCOME_NEEDS),
    };
  }

  @Query(() => GuidedOrientationResult, { description: 'The places for a person’s answers, best first, with why each fits.' })
  async guidedOrientation(
    @Arg('input', () => GuidedOrientationInput) input: GuidedOrientationInput,
    @CurrentUser() user: User | null,
    @Ctx() ctx: Context,
  ): Promise<GuidedOrientationResult> {
    const result = await orient(ctx.em, input, user, ctx.lang);
    return {
      needKey: result.need.key,
      needLabel: result.need.label[ctx.lang],
      origin: result.origin,
      places: result.places.map(placeView),
      fallback: result.fallback,
      comesToThePerson: result.comesToThePerson.map(placeView),
    };
  }

  @Query(() => OrientationFiche, { description: 'The fiche d’orientation of a place, for a need, signed by the helper if they choose.' })
  async orientationFiche(
    @Arg('slug', () => String) slug: string,
    @Arg('need', () => String, { nullable: true }) need: string | null,
    @Arg('helperName', () => String, { nullable: true }) helperName: string | null,
    @Ctx() ctx: Context,
  ): Promise<OrientationFiche> {
    return ficheOf(ctx.em, { slug, need, helperName }, ctx.lang);
  }

  @Authorized('VERIFIED')
  @Mutation(() => Boolean, {
    description: 'E-mails a fiche d’orientation to a person, through the outbox (limited per helper and per address).',
  })
  async sendOrientationFiche(
    @Arg('input', () => SendOrientationFicheInput) input: SendOrientationFicheInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await ctx.em.transactional((tx) => sendFiche(tx, user, input, ctx.lang));
    return true;
  }
}
