import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp } from '../helpers/api.js';

/*
 * The home figures and the tags' uses are tallies kept by triggers in the writer's transaction
 * (docs/read-models.md, "Tallies"): exact after every insert, update and delete, including a
 * statement that writes many rows at once, and untouched by a rolled-back write.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const sqlOf = () => app.orm.em.getConnection().getKnex();

async function figures(): Promise<Record<string, number>> {
  const data = await app.client().data(`{ home { figures { key value } } }`);
  return Object.fromEntries(data.home.figures.map((figure: { key: string; value: number }) => [figure.key, figure.value]));
}

async function questionCount(slug: string): Promise<number> {
  const data = await app.client().data(`query ($slug: String!) { tag(slug: $slug) { questionCount } }`, { slug });
  return data.tag.questionCount;
}

describe('tallies behind the home figures and the tags', () => {
  it('counts places and networks as they are created, change kind, are deleted, and forgets a rolled-back import', async () => {
    const before = await figures();
    await sqlOf().raw(`insert into organization (id, name, slug, kind)
                       select gen_random_uuid(), 'Lieu ' || i, 'tally-lieu-' || i, case when i <= 30 then 'lieu' else 'reseau' end::organization_kind
                         from generate_series(1, 40) i`);
    expect(await figures()).toMatchObject({ lieux: before.lieux + 30, reseaux: before.reseaux + 10 });

    await sqlOf().raw(`update organization set kind = 'reseau' where slug in ('tally-lieu-1', 'tally-lieu-2')`);
    expect(await figures()).toMatchObject({ lieux: before.lieux + 28, reseaux: before.reseaux + 12 });

    await sqlOf().raw(`delete from organization where slug like 'tally-lieu-%' and kind = 'reseau'`);
    expect(await figures()).toMatchObject({ lieux: before.lieux + 28, reseaux: before.reseaux });

    await sqlOf()
      .transaction(async (trx) => {
        await trx.raw(`insert into organization (id, name, slug, kind) values (gen_random_uuid(), 'Annulé', 'tally-annule', 'lieu')`);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect((await figures()).lieux).toBe(before.lieux + 28);
  });

  it('counts a tag’s visible questions: a new question adds, hiding takes away, a vote changes nothing', async () => {
    const author = app.client();
    await signUp(author);
    await sqlOf().raw(`insert into tag (slug, label) values ('tally-tag', 'Tally') on conflict do nothing`);
    const ask = (title: string) =>
      author.data(`mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { id } }`, {
        input: { title, body: 'Comment faire, pas à pas, sans se tromper ?', tags: ['tally-tag'] },
      });
    const first = await ask('Comment refaire sa carte vitale en ligne ?');
    await ask('Comment prendre rendez-vous à la préfecture ?');
    expect(await questionCount('tally-tag')).toBe(2);

    await sqlOf().raw(`update question set score = score + 1 where id = ?`, [first.askQuestion.id]);
    expect(await questionCount('tally-tag')).toBe(2);

    await sqlOf().raw(`update question set hidden_at = now(), hidden_reason = 'test' where id = ?`, [first.askQuestion.id]);
    expect(await questionCount('tally-tag')).toBe(1);
    const tags = await app.client().data(`{ tags(first: 100) { edges { node { slug } } } }`);
    expect(tags.tags.edges.map((edge: { node: { slug: string } }) => edge.node.slug)).toContain('tally-tag');
  });
  it('counts upcoming events: published and visible, from today’s still to start to the days after; hiding, moving to the past and deleting take away', async () => {
    const [organizer] = (
      await sqlOf().raw(
        `insert into organization (id, name, slug, kind) values (gen_random_uuid(), 'Tally EPN', 'tally-epn', 'lieu') returning id`,
      )
    ).rows as Array<{ id: string }>;
    const before = (await figures()).evenements_a_venir;
    const event = (title: string, startsIn: string, published = true) =>
      sqlOf().raw(
        `insert into agenda_event (id, kind, title, starts_at, ends_at, organizer_id, published_at)
         values (gen_random_uuid(), 'atelier', ?, now() + ?::interval, now() + ?::interval + interval '2 hours', ?, ${published ? 'now()' : 'null'})`,
        [title, startsIn, startsIn, organizer.id],
      );
    await event('tally-dans-une-minute', '1 minute');
    await event('tally-demain', '1 day');
    await event('tally-dans-trois-jours', '3 days');
    await event('tally-brouillon', '2 days', false);
    await event('tally-hier', '-1 day');
    await event('tally-il-y-a-une-minute', '-1 minute');
    expect((await figures()).evenements_a_venir).toBe(before + 3);

    await sqlOf().raw(`update agenda_event set hidden_at = now(), hidden_reason = 'test' where title = 'tally-demain'`);
    expect((await figures()).evenements_a_venir).toBe(before + 2);
    await sqlOf().raw(`update agenda_event set published_at = now() where title = 'tally-brouillon'`);
    expect((await figures()).evenements_a_venir).toBe(before + 3);
    await sqlOf().raw(
      `update agenda_event set starts_at = now() - interval '2 days', ends_at = now() - interval '47 hours' where title = 'tally-dans-trois-jours'`,
    );
    expect((await figures()).evenements_a_venir).toBe(before + 2);
    await sqlOf().raw(`delete from agenda_event where title = 'tally-brouillon'`);
    expect((await figures()).evenements_a_venir).toBe(before + 1);
  });
});
