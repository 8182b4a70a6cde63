import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpAdmin, startTestApp, type GraphQLClient, type TestApp } from '../helpers/api.js';

import { french } from '../helpers/french.js';
// Files as people really send them: another encoding, another separator, a binary file, a long résumé (#14, point 4).
const IMPORT = `mutation ($input: ImportPlacesInput!) { importPlaces(input: $input) {
  format encoding total created updated unchanged rejected rejectedRows { line name reasons } notedRows { line name notes } } }`;

let app: TestApp;
let admin: GraphQLClient;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app, 'Équipe Maillage');
});
afterAll(async () => {
  await app?.close();
});

// The files have no `source` column: the import is told it, as the web form and `--source` do.
const importText = async (content: string) => (await admin.data(IMPORT, { input: { content, source: 'Essais' } })).importPlaces;
const importBytes = async (bytes: Buffer) =>
  (await admin.data(IMPORT, { input: { contentBase64: bytes.toString('base64'), source: 'Essais' } })).importPlaces;
const refusal = async (input: Record<string, unknown>) => {
  const error = await admin.error(IMPORT, { input });
  return { code: error.extensions?.code, message: error.message };
};
async function placeCount(): Promise<number> {
  const [row] = await app.orm.em.getConnection().execute(`select count(*)::int as n from organization`);
  return row.n;
}

const COLUMNS = ['id', 'pivot', 'nom', 'commune', 'code_postal', 'adresse', 'date_maj', 'services', 'presentation_resume'];
const csv = (separator: string, rows: Array<Record<string, string>>) =>
  [
    COLUMNS.join(separator),
    ...rows.map((row) => COLUMNS.map((column) => `"${(row[column] ?? '').replace(/"/g, '""')}"`).join(separator)),
  ].join('\r\n');
const place = (overrides: Record<string, string> = {}) => ({
  id: 'fichiers-1',
  pivot: '12345678901234',
  nom: 'Médiathèque de l’Estuaire',
  commune: 'Saint-Étienne-de-Montluc',
  code_postal: '44360',
  adresse: '2 rue de l’Église',
  date_maj: '2024-03-01',
  services: 'Aide aux démarches administratives',
  ...overrides,
});

describe('files in other encodings', () => {
  it('reads a Windows-1252 CSV (Excel on Windows): accents stored right, the report names the encoding', async () => {
    const bytes = iconv.encode(
      csv(';', [place(), place({ id: 'fichiers-2', pivot: '12345678901235', nom: 'Café numérique « Œuvre »' })]),
      'windows-1252',
    );
    expect(bytes.includes(Buffer.from('é', 'utf8'))).toBe(false); // really not UTF-8
    const report = await importBytes(bytes);
    expect(report).toMatchObject({ format: 'csv', encoding: 'windows-1252', created: 2, rejected: 0 });
    const rows = await app.orm.em
      .getConnection()
      .execute(`select name, commune, adresse from organization where standard_id in ('fichiers-1', 'fichiers-2') order by standard_id`);
    expect(rows).toEqual([
      { name: 'Médiathèque de l’Estuaire', commune: 'Saint-Étienne-de-Montluc', adresse: '2 rue de l’Église' },
      { name: 'Café numérique « Œuvre »', commune: 'Saint-Étienne-de-Montluc', adresse: '2 rue de l’Église' },
    ]);
    // The same file in UTF-8 is the same places: nothing changes.
    expect(await importText(csv(';', [place()]))).toMatchObject({ encoding: 'utf-8', created: 0, unchanged: 1 });
  });
});

describe('files it cannot read are refused whole, with a reason in French', () => {
  it('names a column separator it does not know', async () => {
    const before = await placeCount();
    expect(await refusal({ content: csv('|', [place({ id: 'pipe-1' })]) })).toEqual({
      code: 'BAD_USER_INPUT',
      message: french('Le séparateur de colonnes « | » n’est pas reconnu : utilisez la virgule, le point-virgule ou la tabulation.'),
    });
    expect(await placeCount()).toBe(before);
    // Tabs are fine.
    expect(await importText(csv('\t', [place({ id: 'tab-1', pivot: '22345678901234', nom: 'Lieu tabulé' })]))).toMatchObject({
      created: 1,
    });
  });

  it('says a file with NUL characters is not a text file, never "une erreur inattendue"', async () => {
    const before = await placeCount();
    const withNul = `${csv(',', [place({ id: 'nul-1', nom: 'Lieu\u0000nul' })])}`;
    const refused = await refusal({ content: withNul });
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.message).toMatch(/^Ce fichier n’est pas un fichier texte \(il contient des caractères nuls\)/);
    expect((await refusal({ contentBase64: Buffer.from(withNul).toString('base64') })).message).toBe(refused.message);
    expect(await placeCount()).toBe(before);
  });

  it('explains JSON that is not a list of places; a stray item among places is a rejected row', async () => {
    expect(await refusal({ content: '[1,2,"x"]' })).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(
        /^Ce fichier JSON ne contient pas de lieux\u00a0: chaque élément de la liste doit être un objet .*le premier est un nombre \(1\)\.$/,
      ),
    });
    expect((await refusal({ content: 'null', format: 'json' })).message).toBe('Ce fichier JSON ne contient pas de liste de lieux.');
    expect((await refusal({ content: '"lieux"', format: 'json' })).message).toBe('Ce fichier JSON ne contient pas de liste de lieux.');
    const mixed = await importText(JSON.stringify([place({ id: 'json-1', pivot: '32345678901234', nom: 'Lieu en JSON' }), 42, null]));
    expect(mixed).toMatchObject({ format: 'json', total: 3, created: 1, rejected: 2 });
    expect(mixed.rejectedRows).toEqual([
      { line: 2, name: null, reasons: [french('cet élément n’est pas un lieu (un objet { … } était attendu) : c’est un nombre (42).')] },
      { line: 3, name: null, reasons: [french('cet élément n’est pas un lieu (un objet { … } était attendu) : c’est vide (null).')] },
    ]);
  });

  it('says an empty file is empty, and a header alone holds no place', async () => {
    for (const content of ['', '   \n\r\n  '])
      expect(await refusal({ content })).toEqual({ code: 'BAD_USER_INPUT', message: 'Le fichier est vide.' });
    expect((await refusal({ contentBase64: '' })).message).toBe('Le fichier est vide.');
    expect((await refusal({ content: `${COLUMNS.join(',')}\n` })).message).toBe(
      french('Le fichier ne contient aucune ligne de lieux : seulement la ligne des noms de colonnes.'),
    );
    expect((await refusal({ content: '[]' })).message).toBe('Le fichier ne contient aucun lieu (la liste est vide).');
    expect((await refusal({ content: 'bonjour\nle monde' })).message).toMatch(/^La première ligne doit nommer les colonnes du standard/);
  });

  it('answers in English when asked', async () => {
    const error = await admin.error(IMPORT, { input: { content: csv('|', [place()]) } }, { 'accept-language': 'en' });
    expect(error.message).toBe('The column separator "|" is not supported: use a comma, a semicolon or a tab.');
  });
});

describe('real rows rejected for fixable reasons now pass', () => {
  const long =
    'L’espace public numérique de la médiathèque accueille toutes les personnes qui veulent apprendre à se servir d’un ordinateur, ' +
    'd’une tablette ou d’un smartphone : ateliers collectifs le mardi et le jeudi, rendez-vous individuels pour les démarches en ligne, ' +
    'accès libre aux postes et à l’imprimante, prêt de matériel, et un café numérique chaque premier samedi du mois avec les bénévoles.';

  it('keeps a résumé over 280 characters whole in the detailed presentation and shortens it at a word, saying so', async () => {
    expect(long.length).toBeGreaterThan(380);
    const content = csv(',', [place({ id: 'resume-1', pivot: '42345678901234', nom: 'EPN de la médiathèque', presentation_resume: long })]);
    const report = await importText(content);
    expect(report).toMatchObject({ created: 1, rejected: 0 });
    expect(report.notedRows).toEqual([
      {
        line: 2,
        name: 'EPN de la médiathèque',
        notes: [
          expect.stringMatching(
            new RegExp(
              french(
                `^présentation courte : elle avait ${long.length} caractères \\(280 au plus\\) ; le texte entier est gardé dans la présentation détaillée`,
              ),
            ),
          ),
        ],
      },
    ]);
    const [saved] = await app.orm.em
      .getConnection()
      .execute(`select presentation_resume as resume, presentation_detail as detail from organization where standard_id = 'resume-1'`);
    expect(saved.detail).toBe(long);
    expect(saved.resume.length).toBeLessThanOrEqual(280);
    expect(saved.resume).toMatch(/[^\s]…$/);
    expect(long.startsWith(saved.resume.slice(0, -1))).toBe(true);
    expect(long[saved.resume.length - 1]).toMatch(/[\s,]/); // cut between two words

    // Again: nothing changes. The open-data export holds the shortened résumé (280 at most, the schema's limit).
    expect(await importText(content)).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const rows = parse(await (await fetch(`${app.url}/api/lieux.csv`)).text(), { columns: true }) as Array<Record<string, string>>;
    const exported = rows.find((row) => row.nom === 'EPN de la médiathèque')!;
    expect(exported).toMatchObject({ presentation_resume: saved.resume, presentation_detail: long });
    expect(rows.filter((row) => row.presentation_resume.length > 280)).toEqual([]);
  });

  it('keeps the file’s own detailed presentation after the whole résumé', async () => {
    const report = await importText(
      JSON.stringify([
        {
          ...place({ id: 'resume-2', pivot: '52345678901234', nom: 'Tiers-lieu du port' }),
          presentation_resume: long,
          presentation_detail: 'Ouvert aussi en été.',
        },
      ]),
    );
    expect(report.notedRows[0].notes[0]).toMatch(/le texte entier est ajouté au début de la présentation détaillée/);
    const [saved] = await app.orm.em
      .getConnection()
      .execute(`select presentation_detail as detail from organization where standard_id = 'resume-2'`);
    expect(saved.detail).toBe(`${long}\n\nOuvert aussi en été.`);
  });

  it('maps the older publics labels of a v0 file ("Handicaps mentaux : déficiences…")', async () => {
    const v0 = {
      id: 'v0-publics-1',
      nom: 'Point numérique de Pré-en-Pail',
      services: 'Prendre en main un ordinateur;Accompagner les démarches de santé',
      pivot: '00000000000000',
      commune: 'Pré-en-Pail-Saint-Samson',
      code_postal: '53140',
      adresse: '1 place de la Mairie',
      publics_accueillis:
        "Adultes;Seniors (+ 65 ans);Handicaps mentaux : déficiences limitant les activités d'une personne;Handicaps psychiques : troubles psychiatriques donnant lieu à des atteintes comportementales;Personnes en situation d'illettrisme;Public langues étrangères;Uniquement femmes",
      source: 'Hubik',
      date_maj: '2023-02-01',
    };
    const report = await importText(JSON.stringify([v0]));
    expect(report).toMatchObject({ created: 1, rejected: 0 });
    const [saved] = await app.orm.em
      .getConnection()
      .execute(
        `select publics_specifiquement_adresses as publics, prise_en_charge_specifique as prise from organization where standard_id = 'v0-publics-1'`,
      );
    expect(saved).toEqual({
      publics: ['Seniors', 'Femmes'],
      prise: ['Handicaps mentaux', 'Illettrisme', 'Langues étrangères (autres)'],
    });
  });

  it('refuses a request with both the text and the bytes of a file, or neither', async () => {
    expect((await refusal({ content: 'a', contentBase64: 'YQ==' })).message).toBe(
      'Envoyez le fichier, en texte ou en base64 (un seul des deux).',
    );
    expect((await refusal({})).code).toBe('BAD_USER_INPUT');
  });
});
