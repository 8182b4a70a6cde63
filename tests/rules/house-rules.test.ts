/**
 * The house rules (docs/conventions.md), checked on the sources as text and as TypeScript syntax:
 * raw SQL only through the gateway, no runtime import cycle, the commun never imports a section,
 * each module's SQL names only its own tables and the views others publish, and no file cites a
 * document outside the repository. Each check lists every offence it finds, with file and line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sections } from '../../server/src/sections.js';

const root = path.resolve(import.meta.dirname, '../..');
const serverSrc = path.join(root, 'server/src');
const modulesDir = path.join(serverSrc, 'modules');

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'node_modules' ? [] : filesUnder(file, keep);
    return keep(file) ? [file] : [];
  });
}

const relative = (file: string) => path.relative(root, file);
const serverFiles = filesUnder(serverSrc, (file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
const sourceFiles = serverFiles.filter((file) => !file.endsWith('.test.ts'));

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** The module a file belongs to: the folder under server/src/modules (commun's sub-folders are the commun). */
function moduleOf(file: string): string | null {
  const inside = path.relative(modulesDir, file);
  if (inside.startsWith('..')) return null;
  const [first, ...rest] = inside.split(path.sep);
  return rest.length === 0 ? null : first;
}

describe('one way to run SQL', () => {
  const gateway = path.join(serverSrc, 'db/sql.ts');
  const forbidden: Array<[RegExp, string]> = [
    [/\.execute\s*[<(]/g, 'an EntityManager or connection `.execute(...)`'],
    [/\.getConnection\s*\(/g, '`getConnection()`'],
    [/\bgetKnex\s*\(|\bknex\.raw\b/g, 'Knex directly'],
    [/toPgPlaceholders/g, 'a copy of the placeholder numbering (use `statement.toPg()`)'],
    [/['`"][^'`"\n]*\b(?:where|values|set|and|or|=|in)\b[^'`"\n]*\$[1-9]/gi, 'a hand-numbered placeholder'],
  ];

  it('runs raw SQL only through server/src/db/sql.ts', () => {
    const offences: string[] = [];
    for (const file of sourceFiles) {
      if (file === gateway) continue;
      const text = readFileSync(file, 'utf8');
      for (const [pattern, what] of forbidden) {
        for (const match of text.matchAll(pattern))
          offences.push(`${relative(file)}:${lineOf(text, match.index)} runs SQL through ${what}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('finds an offence when there is one (the check itself works)', () => {
    const sample = "await em.getConnection().execute('select 1 where id = $1', [id]);";
    expect(forbidden.filter(([pattern]) => new RegExp(pattern.source, pattern.flags).test(sample)).length).toBe(3);
  });
});

/** What a file imports at run time: TypeScript's own emit drops the imports used only as types. */
function runtimeImports(file: string): string[] {
  const output = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      useDefineForClassFields: false,
    },
  }).outputText;
  const specifiers = [
    ...output.matchAll(
      /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ]
    .map((match) => match[1] ?? match[2] ?? match[3])
    .filter((specifier) => specifier.startsWith('.'));
  return specifiers.map((specifier) => path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
}

/** Strongly connected components of more than one file (or a file importing itself): the import loops. */
function importCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.map(relative).sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe('sections plug in without loops', () => {
  const graph = new Map(sourceFiles.map((file) => [file, runtimeImports(file)]));

  it('has no runtime import cycle under server/src', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds a loop when there is one (the check itself works)', () => {
    const a = '/x/a.ts';
    const b = '/x/b.ts';
    const c = '/x/c.ts';
    expect(
      importCycles(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, [a]],
        ]),
      ),
    ).toHaveLength(1);
    expect(
      importCycles(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, []],
        ]),
      ),
    ).toEqual([]);
  });

  it('keeps the commun free of sections: it imports only itself, comptes (the accounts everything rests on) and shared code', () => {
    const offences: string[] = [];
    for (const [file, imports] of graph) {
      if (moduleOf(file) !== 'commun') continue;
      for (const target of imports) {
        const owner = moduleOf(target);
        if (owner && owner !== 'commun' && owner !== 'comptes') offences.push(`${relative(file)} imports ${relative(target)}`);
        if (relative(target) === 'server/src/sections.ts') offences.push(`${relative(file)} imports the list of sections`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('lets only server/src/sections.ts import a section declaration', () => {
    const offences = [...graph]
      .flatMap(([file, imports]) => imports.filter((target) => target.endsWith('.section.ts')).map((target) => [file, target]))
      .filter(([file]) => relative(file) !== 'server/src/sections.ts')
      .map(([file, target]) => `${relative(file)} imports ${relative(target)}`);
    expect(offences).toEqual([]);
  });

  it('declares every module folder as one section, and every section has a my-data provider', () => {
    const folders = readdirSync(modulesDir).filter((name) => statSync(path.join(modulesDir, name)).isDirectory());
    expect(sections.map((section) => section.name).sort()).toEqual(folders.sort());
    for (const section of sections) expect(section.myData.length, section.name).toBeGreaterThan(0);
  });
});

/** Every string and template text of a file (SQL lives there), with its line. */
function stringsOf(file: string): Array<{ text: string; line: number }> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: Array<{ text: string; line: number }> = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      found.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const TABLE_REFERENCE = /\b(?:from|join|update|into|table)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi;

/** `offences` for one module's files, given who owns which table and which views are published. */
function crossModuleReferences(files: string[], owners: Map<string, string>, views: Set<string>): string[] {
  const offences: string[] = [];
  for (const file of files) {
    const mine = moduleOf(file);
    for (const { text, line } of stringsOf(file)) {
      for (const match of text.matchAll(TABLE_REFERENCE)) {
        const table = match[1].toLowerCase();
        const owner = owners.get(table);
        if (owner && owner !== mine && !views.has(table)) offences.push(`${relative(file)}:${line} names ${owner}'s table ${table}`);
      }
    }
  }
  return offences;
}

describe('each module owns its tables', () => {
  const owners = new Map<string, string>();
  const views = new Set<string>();
  for (const section of sections) {
    for (const table of section.tables) owners.set(table, section.name);
    for (const view of section.views ?? []) {
      owners.set(view, section.name);
      views.add(view);
    }
  }

  it('gives every table one owner', () => {
    const all = sections.flatMap((section) => [...section.tables, ...(section.views ?? [])]);
    expect(all.length).toBe(new Set(all).size);
  });

  it('names, in each module’s SQL, only its own tables and the views other modules publish', () => {
    const moduleFiles = sourceFiles.filter((file) => moduleOf(file) !== null);
    expect(crossModuleReferences(moduleFiles, owners, views)).toEqual([]);
  });

  it('finds an offence when there is one (the check itself works)', () => {
    const reference = [...'select 1 from app_user u join member_card m on m.id = u.id'.matchAll(TABLE_REFERENCE)].map((m) => m[1]);
    expect(reference).toEqual(['app_user', 'member_card']);
  });
});

describe('the docs stand alone', () => {
  it('cites no document outside the repository', () => {
    const tracked = [
      ...filesUnder(path.join(root, 'server'), (file) => /\.(ts|js|json|md)$/.test(file) && !file.includes(`${path.sep}dist${path.sep}`)),
      ...filesUnder(path.join(root, 'web/src'), (file) => /\.(ts|js|svelte|md|html|css)$/.test(file)),
      ...filesUnder(path.join(root, 'tests'), (file) => file.endsWith('.ts')),
      ...filesUnder(path.join(root, 'docs'), (file) => file.endsWith('.md')),
      ...filesUnder(path.join(root, 'migrations'), (file) => file.endsWith('.js')),
      path.join(root, 'README.md'),
    ].filter((file) => file !== import.meta.filename);
    const offences = tracked.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/DESIGN\.md|\.\.\/shared\/(?:data|standards|hooks)\b/g)].map(
        (match) => `${relative(file)}:${lineOf(text, match.index)}`,
      );
    });
    expect(offences).toEqual([]);
  });
});
