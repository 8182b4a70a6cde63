import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/http/session-cookie.js';
import { createOrganization } from '../../server/src/modules/reseau/organisations.service.js';
import { ProjectStage } from '../../server/src/modules/projets/project.entity.js';
import { createProject } from '../../server/src/modules/projets/projects.service.js';
import { createMember } from '../helpers/accounts.js';
import { french } from '../helpers/french.js';
import {
  expectAccessible,
  expectWorksAt360,
  launchBrowser,
  newPage,
  POLL,
  startProductServer,
  visit,
  type E2EServer,
} from '../helpers/e2e.js';

let server: E2EServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startProductServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A member of the network, already signed in in a browser of their own. */
async function member(displayName: string) {
  const em = server.orm.em.fork();
  const email = `${displayName.toLowerCase().replace(/[^a-z]+/g, '.')}.${Date.now()}@exemple.fr`;
  const { user, token } = await createMember(
    em,
    { email, password: 'une phrase de passe solide', displayName },
    { ip: `10.0.0.${Math.floor(Math.random() * 200)}` },
  );
  const { context, page } = await newPage(browser);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
  return { user, context, page };
}

const dayFromNow = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);

async function cardTitles(page: Page): Promise<string[]> {
  return page.locator('.cards .card h3').allTextContents();
}

describe('projets in the browser', () => {
  it('publishes and edits a project, then ranks projects with the weight sliders', async () => {
    const holder = await member('Sophie Porteuse');
    const teammate = await member('Karim Coéquipier');
    const em = server.orm.em.fork();
    const organization = await createOrganization(em, holder.user, { name: 'FabLab de Montluc' });
    await createProject(em, holder.user, {
      holderId: organization.id,
      title: 'Kit repair café',
      summary: 'Un kit pour réparer ensemble au village.',
      stage: ProjectStage.IDEE,
      latitude: 47.3606,
      longitude: -1.9425,
      commune: 'Savenay',
    });

    // Publishing a project: a mistake first, shown next to its field.
    const { page } = holder;
    await visit(page, server.url, '/projets');
    await page.getByRole('link', { name: 'Publier un projet' }).click();
    await page.waitForURL('**/projets/nouveau');
    await expectAccessible(page);
    await page.getByLabel('Titre du projet').fill('Guide des démarches');
    await page.getByLabel('Résumé').fill('Court');
    await page.getByLabel('Déployé').check();
    await page.getByRole('button', { name: 'Publier le projet' }).click();
    await expect.poll(() => page.locator('#field-summary-error').textContent(), POLL).toContain('Résumez le projet');
    await expectAccessible(page);
    await page.getByLabel('Résumé').fill('Un guide imprimé des démarches, déjà utilisé partout.');
    await page.getByLabel('Thèmes (mots-clés)').fill('Démarches, seniors');
    await page.getByRole('button', { name: 'Publier le projet' }).click();
    await page.waitForURL('**/projets/guide-des-demarches');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Guide des démarches');
    await expectAccessible(page);

    // Editing it, and adding a teammate by the e-mail of their account.
    await page.getByRole('link', { name: 'Modifier le projet' }).click();
    await page.waitForURL('**/modifier');
    await expectAccessible(page);
    await page.getByLabel('Titre du projet').fill('Guide des démarches en ligne');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), POLL).toContain('Modifications enregistrées.');
    await page.getByLabel('Adresse e-mail de son compte Maillage').fill(teammate.user.email);
    await page.getByLabel('Son rôle dans le projet (facultatif)').fill('animateur');
    await page.getByRole('button', { name: 'Ajouter à l’équipe' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), POLL)
      .toContain('Karim Coéquipier fait maintenant partie de l’équipe.');
    await visit(teammate.page, server.url, '/projets/guide-des-demarches');
    expect(await teammate.page.getByRole('heading', { level: 1 }).textContent()).toBe('Guide des démarches en ligne');
    expect(await teammate.page.getByText('Karim Coéquipier — animateur').count()).toBe(1);
    expect(await teammate.page.getByRole('link', { name: 'Modifier le projet' }).count()).toBe(1);
    // A team member's name leads to their profile.
    await teammate.page.getByRole('region', { name: 'L’équipe' }).getByRole('link', { name: 'Karim Coéquipier' }).click();
    await teammate.page.waitForURL(`**/membres/${teammate.user.id}`);
    expect(await teammate.page.getByRole('heading', { level: 1 }).textContent()).toBe('Karim Coéquipier');
    for (const person of [holder, teammate]) await person.context.close();

    // A visitor ranks the projects with the sliders.
    const visitor = await newPage(browser);
    const list = visitor.page;
    await visit(list, server.url, '/projets?lat=47.36&lng=-1.94');
    expect(await list.getByRole('heading', { level: 1 }).textContent()).toBe('Projets du réseau');
    await expectWorksAt360(list);
    const setWeights = async (weights: Record<string, number>) => {
      for (const [label, value] of Object.entries(weights)) await list.getByLabel(label, { exact: true }).fill(String(value));
      await list.getByRole('button', { name: 'Chercher' }).click();
    };
    await setWeights({ Proximité: 10, 'Thèmes en commun': 0, 'Étape du projet': 0, Nouveauté: 0 });
    await list.waitForURL((url) => url.searchParams.get('poids_proximite') === '10');
    await expect.poll(() => cardTitles(list), POLL).toEqual(['Kit repair café', 'Guide des démarches en ligne']);
    expect(await list.getByLabel('Proximité', { exact: true }).getAttribute('aria-valuetext')).toBe('10 sur 10');
    await setWeights({ Proximité: 0, 'Étape du projet': 10 });
    await list.waitForURL((url) => url.searchParams.get('poids_etape') === '10');
    await expect.poll(() => cardTitles(list), POLL).toEqual(['Guide des démarches en ligne', 'Kit repair café']);
    await expectAccessible(list);
    // A shared link with themes longer than the field allows: the projects still, the sentence under the themes.
    const themes = 'accompagnement '.repeat(15).trim();
    await list.goto(`${server.url}/projets?themes=${encodeURIComponent(themes)}`);
    await list.getByText(french('Ce texte est trop long : 200 caractères au plus.')).waitFor();
    expect(await list.locator('#field-themes').inputValue()).toBe(themes);
    expect(await list.locator('#field-themes').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => cardTitles(list), POLL).toHaveLength(2);
    await expectAccessible(list);
    await visitor.context.close();

    // On a phone, the criteria that sort the list fold away until one is used: the first project comes soon.
    const phone = await newPage(browser, { width: 360 });
    await visit(phone.page, server.url, '/projets');
    expect(await phone.page.locator('details.more-filters').getAttribute('open')).toBeNull();
    expect((await phone.page.locator('.cards .card h3').first().boundingBox())!.y).toBeLessThan(1400);
    // Opened, they stay open while a slider moves.
    await phone.page.locator('details.more-filters summary').click();
    await phone.page.getByLabel('Proximité', { exact: true }).fill('9');
    await expect.poll(() => phone.page.locator('output[for="poids-proximity"]').textContent()).toBe('9 sur 10');
    expect(await phone.page.locator('details.more-filters').evaluate((element: HTMLDetailsElement) => element.open)).toBe(true);
    await phone.context.close();
  }, 180_000);

  it('runs a 2-seat beta-test from opening to published results', async () => {
    const holder = await member('Camille Porteuse');
    const em = server.orm.em.fork();
    const organization = await createOrganization(em, holder.user, { name: 'Association Bien Vieillir' });
    const project = await createProject(em, holder.user, {
      holderId: organization.id,
      title: 'Mon Téléphone Facile',
      summary: 'Une appli très simple pour appeler ses proches.',
      stage: ProjectStage.BETA,
      description: 'Trois **gros boutons**.',
    });

    // The holder opens the campaign from the project page.
    const { page } = holder;
    await visit(page, server.url, `/projets/${project.slug}`);
    await page.getByRole('link', { name: 'Ouvrir une campagne de test' }).click();
    await page.waitForURL('**/campagnes/nouvelle');
    await expectAccessible(page);
    await page.getByLabel('Titre de la campagne').fill('Bêta auprès des aînés');
    await page.getByLabel('Ce que vous voulez apprendre').fill('Savoir si une personne débutante appelle un proche sans aide.');
    await page.getByLabel('Débutant', { exact: true }).check();
    await page.getByLabel('Nombre de places').fill('2');
    await page.getByLabel('Dernier jour pour candidater').fill(dayFromNow(7));
    await page.getByLabel('Premier jour des tests').fill(dayFromNow(8));
    await page.getByLabel('Dernier jour des tests').fill(dayFromNow(30));
    await page.getByLabel('Titre du scénario 1').fill('Appeler un proche');
    await page.getByLabel('Étapes du scénario 1').fill('Touchez « Appeler »\nTouchez la photo');
    await page.getByLabel('Résultat attendu du scénario 1').fill("L'appel part.");
    await page.getByLabel('Titre du scénario 2').fill('Lire un message');
    // A forgotten expected result is shown next to its field, and nothing typed is lost.
    await page.getByLabel('Étapes du scénario 2').fill('Touchez « Messages »');
    await page.getByRole('button', { name: 'Ouvrir la campagne' }).click();
    await expect.poll(() => page.locator('#field-scenario2Expected-error').textContent(), POLL).toContain('résultat attendu');
    expect(await page.getByLabel('Titre du scénario 2').inputValue()).toBe('Lire un message');
    await expectAccessible(page);
    await page.getByLabel('Résultat attendu du scénario 2').fill('Le message s’affiche en grand.');
    await page.getByRole('button', { name: 'Ouvrir la campagne' }).click();
    await page.waitForURL(/\/projets\/campagnes\/[0-9a-f-]{36}$/);
    const campaignUrl = page.url();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bêta auprès des aînés');
    expect(await page.getByText('Il reste 2 places').count()).toBeGreaterThan(0);
    await expectAccessible(page);

    // Three members apply.
    const testers = [await member('Alice Testeuse'), await member('Bruno Testeur'), await member('Chloé Testeuse')];
    for (const [index, tester] of testers.entries()) {
      await visit(tester.page, '', campaignUrl);
      await tester.page.getByLabel('Pourquoi voulez-vous tester ?').fill('Je débute et je veux aider le projet.');
      await tester.page.getByLabel('Débutant', { exact: true }).check();
      await tester.page.getByLabel('Avec quel appareil testerez-vous ?').fill(index === 1 ? 'tablette' : 'smartphone Android');
      if (index === 0) await tester.page.getByLabel(/Mon nom peut apparaître/).check();
      await tester.page.getByRole('button', { name: 'Je candidate' }).click();
      await expect.poll(() => tester.page.getByRole('status').first().textContent(), POLL).toContain('Votre candidature est envoyée');
      if (index === 0) await expectAccessible(tester.page);
    }

    // The holder accepts two; the third is refused for lack of seats, then declined with a word.
    await visit(page, '', `${campaignUrl}/candidatures`);
    await page.getByRole('button', { name: 'Accepter Alice Testeuse' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), POLL).toContain('Décision enregistrée pour Alice Testeuse');
    await page.getByRole('button', { name: 'Accepter Bruno Testeur' }).click();
    await expect.poll(() => page.getByText('Toutes les places sont attribuées').count(), POLL).toBe(1);
    await page.getByRole('button', { name: 'Accepter Chloé Testeuse' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent(), POLL)
      .toContain('les 2 places de cette campagne sont déjà attribuées');
    await expectAccessible(page);
    await page.getByLabel('Message pour Chloé Testeuse (facultatif)').fill('Merci, ce sera pour la prochaine fois !');
    await page.getByRole('button', { name: 'Refuser Chloé Testeuse' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), POLL).toContain('Décision enregistrée pour Chloé Testeuse');
    await expectWorksAt360(page);

    // Chloé sees the answer; Alice and Bruno report on both scenarios.
    await visit(testers[2].page, '', campaignUrl);
    expect(await testers[2].page.getByText('Votre candidature n’est pas retenue.').count()).toBe(1);
    expect(await testers[2].page.getByText(/Merci, ce sera pour la prochaine fois/).count()).toBe(1);
    const reports: Array<[number, string, 'Oui' | 'Non', number, string]> = [
      [0, 'Appeler un proche', 'Oui', 5, 'Très simple, bravo.'],
      [0, 'Lire un message', 'Oui', 4, ''],
      [1, 'Appeler un proche', 'Non', 2, 'Je n’ai pas trouvé la photo.'],
      [1, 'Lire un message', 'Oui', 3, 'Lisible.'],
    ];
    for (const [index, scenario, succeeded, rating, comment] of reports) {
      const tester = testers[index].page;
      await tester.goto(campaignUrl);
      await tester.waitForLoadState('networkidle'); // the page's script has come: the report is sent by it
      const form = tester.getByRole('form', { name: `Mon compte rendu — ${scenario}` });
      await form.getByRole('group', { name: 'Avez-vous obtenu le résultat attendu ?' }).getByLabel(succeeded, { exact: true }).check();
      await form
        .getByRole('group', { name: 'Était-ce facile ?' })
        .getByLabel(new RegExp(`^${rating} —`))
        .check();
      if (comment) await form.getByLabel('Commentaire (facultatif)').fill(comment);
      await form.getByRole('button', { name: new RegExp(`^Envoyer mon compte rendu`) }).click();
      await expect.poll(() => form.getByRole('status').count(), POLL).toBe(1);
    }
    await expectAccessible(testers[1].page);

    // The holder closes; the results page shows the right rates and means.
    await page.goto(`${campaignUrl}/candidatures`);
    // Closing is final: it asks for a confirmation first.
    await page.getByRole('button', { name: 'Clore la campagne et publier les résultats' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent(), POLL).toContain('Cochez la case pour confirmer');
    await page.getByLabel('Oui, les tests sont finis : je clos la campagne').check();
    await page.getByRole('button', { name: 'Clore la campagne et publier les résultats' }).click();
    await page.waitForURL('**/resultats');
    const visitor = await newPage(browser);
    await visit(visitor.page, server.url, new URL(page.url()).pathname);
    const results = visitor.page;
    expect(await results.getByRole('heading', { level: 1 }).textContent()).toBe('Résultats — Bêta auprès des aînés');
    expect(await results.getByTestId('overall-success').textContent()).toBe('75 %');
    expect(await results.getByTestId('overall-rating').textContent()).toBe('3,5 sur 5');
    const rows = await results
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim())));
    expect(rows).toEqual([
      ['1. Appeler un proche', '50 % (1/2)', '3,5 sur 5', '2'],
      ['2. Lire un message', '100 % (2/2)', '3,5 sur 5', '2'],
    ]);
    // Alice agreed to be named; Bruno stays anonymous.
    const quotes = await results.locator('.verbatims li').allTextContents();
    expect(quotes.some((q) => q.includes('Très simple, bravo.') && q.includes('Alice Testeuse'))).toBe(true);
    expect(quotes.some((q) => q.includes('Je n’ai pas trouvé la photo.') && q.includes('Testeur·rice n° 2'))).toBe(true);
    expect(await results.getByText('Bruno Testeur').count()).toBe(0);
    await expectWorksAt360(results);
    const csvHref = await results.getByRole('link', { name: /Télécharger les résultats/ }).getAttribute('href');
    const csv = await (await fetch(server.url + csvHref)).text();
    expect(csv).toContain('1;Appeler un proche;2;1;50;3,5');

    // Nobody reports once it is closed: the forms are gone.
    await testers[0].page.goto(campaignUrl);
    expect(await testers[0].page.getByRole('button', { name: /compte rendu/ }).count()).toBe(0);
    for (const person of [holder, ...testers, visitor]) await person.context.close();
  }, 240_000);
});
