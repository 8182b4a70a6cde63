import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentUser, isAdmin, CurrentViewer } from '../../graphql/auth.js';
import type { Viewer } from '../comptes/viewer.js';
import { badInput } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import type { User } from '../comptes/user.entity.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { findPerson, searchPeople, type PersonRow } from './directory.service.js';
import { Tag } from '../mots-cles/tag.entity.js';
import { labelForSlug } from '../mots-cles/vocabulary.js';
import { importPlaces } from './import.service.js';
import { ImportPlacesInput, PeopleArgs } from './reseau.input.js';
import { ImportRowOutcome, Person, PersonConnection, PlaceImportReport, PlaceTypology, VocabularyField } from './reseau.types.js';
import { TYPOLOGIE_LABELS } from './search-words.js';
import { ENUMERATED_FIELDS, FIELD_LABEL, VOCABULARY } from './standard.js';

@Resolver(() => Person)
export class ReseauResolver {
  @Query(() => PersonConnection, { description: 'The people of the directory (public profiles).' })
  async people(@Args(() => PeopleArgs) args: PeopleArgs, @Ctx() ctx: Context) {
    const { first, after, ...filters } = args;
    return searchPeople(ctx.em, filters, { first, after });
  }

  @Query(() => Person, { nullable: true, description: "A person's public profile." })
  async person(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PersonRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    return findPerson(ctx.em, id);
  }

  @FieldResolver(() => [Tag], { description: 'The skills of `expertiseTags` with their labels ("Démarches en ligne").' })
  skills(@Root() person: PersonRow): Tag[] {
    // A skill that is no tag yet reads as the vocabulary writes it ("Réseaux sociaux"), as on the person's own page.
    return person.skills.map(
      (skill) => ({ slug: skill.slug, label: skill.label ?? labelForSlug(skill.slug), createdAt: new Date(skill.createdAt ?? 0) }) as Tag,
    );
  }

  @Query(() => [VocabularyField], { description: 'The enumerations of the standard v1.0.2, for filters and forms.' })
  standardVocabulary(): VocabularyField[] {
    return ENUMERATED_FIELDS.map((field) => ({ field, label: FIELD_LABEL[field], values: [...VOCABULARY[field]] }));
  }

  @Query(() => [PlaceTypology], { description: "data.inclusion's typologies (the `typologie` filter), by label." })
  placeTypologies(): PlaceTypology[] {
    return Object.entries(TYPOLOGIE_LABELS)
      .map(([code, label]) => ({ code, label }))
      .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  }

  @Authorized('VERIFIED')
  @Mutation(() => PlaceImportReport, {
    description: 'Imports places (standard v1.0.2 or v0, CSV or JSON): platform admins, or a network’s admins.',
  })
  async importPlaces(
    @Arg('input', () => ImportPlacesInput) input: ImportPlacesInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<PlaceImportReport> {
    if (input.format && input.format !== 'csv' && input.format !== 'json') {
      throw badInput({ format: say('Le format doit être « csv » ou « json ».', 'The format must be "csv" or "json".') });
    }
    if ((input.content == null) === (input.contentBase64 == null)) {
      throw badInput({
        content: say('Envoyez le fichier, en texte ou en base64 (un seul des deux).', 'Send the file, as text or in base64 (one of them).'),
      });
    }
    const content = input.content ?? Buffer.from(input.contentBase64!, 'base64');
    const report = await importPlaces(ctx.em, user, content, {
      format: input.format as 'csv' | 'json' | null,
      networkId: input.networkId,
      source: input.source,
    });
    return {
      ...report,
      rows: report.rows.map((row) => ({
        ...row,
        outcome: row.outcome as ImportRowOutcome,
        reasons: row.reasons.map((reason) => reason[ctx.lang]),
        notes: row.notes.map((note) => note[ctx.lang]),
      })),
      rejectedRows: report.rejectedRows.map((row) => ({ ...row, reasons: row.reasons.map((reason) => reason[ctx.lang]) })),
      notedRows: report.notedRows.map((row) => ({ ...row, notes: row.notes.map((note) => note[ctx.lang]) })),
    };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Only when the person chose to show it (or to themselves and admins).' })
  email(@Root() person: PersonRow, @CurrentViewer() viewer: Viewer | null): string | null {
    return person.showEmail || viewer?.id === person.id || isAdmin(viewer) ? person.email : null;
  }

  @FieldResolver(() => String)
  bioHtml(@Root() person: PersonRow): string {
    return renderMarkdown(person.bio);
  }
}
