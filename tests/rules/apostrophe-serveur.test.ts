/**
 * The server's French sentences write the apostrophe ’, as the web's messages do: an error under a form
 * field ("L’adresse e-mail est obligatoire."), a notification or an e-mail sits on a page whose own words
 * use ’. Every `say(fr, en)` of server/src is read, and its French argument may hold no straight
 * apostrophe between two letters. (The vocabularies of the national standard keep theirs: they are data,
 * matched against published files, not sentences; they are not written with `say`.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourcesUnder(file);
    return file.endsWith('.ts') && !file.endsWith('.test.ts') ? [file] : [];
  });
}

/** The French argument of each `say(…)` call in a source, as its literal parts' text. */
function frenchOfSay(source: string, fileName: string): string[] {
  const found: string[] = [];
  const partsOf = (node: ts.Node): string[] => {
    if (ts.isStringLiteralLike(node)) return [node.text];
    if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
      return [...partsOf(node.left), ...partsOf(node.right)];
    if (ts.isParenthesizedExpression(node)) return partsOf(node.expression);
    return [];
  };
  const walk = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'say' && node.arguments[0]) {
      found.push(partsOf(node.arguments[0]).join('…'));
    }
    node.forEachChild(walk);
  };
  walk(ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true));
  return found;
}

const STRAIGHT_APOSTROPHE = /\p{L}'\p{L}/u;

describe('the server’s French sentences', () => {
  it('finds a straight apostrophe in the French of a say(), not in its English', () => {
    const source = `say("L'adresse est obligatoire.", "The address's required."); say('C’est fait.', "It's done.");`;
    expect(frenchOfSay(source, 'x.ts').filter((text) => STRAIGHT_APOSTROPHE.test(text))).toEqual(["L'adresse est obligatoire."]);
  });

  it('write the apostrophe ’ in every say() of server/src', { timeout: 60_000 }, () => {
    const offences = sourcesUnder(path.join(root, 'server/src')).flatMap((file) =>
      frenchOfSay(readFileSync(file, 'utf8'), file)
        .filter((text) => STRAIGHT_APOSTROPHE.test(text))
        .map((text) => `${path.relative(root, file)}: « ${text.slice(0, 60)} »`),
    );
    expect(offences).toEqual([]);
  });
});
