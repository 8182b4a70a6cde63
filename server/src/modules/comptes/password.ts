import { createRequire } from 'node:module';
import { hash, verify } from '@node-rs/argon2';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { say, type Text } from '../../i18n/lang.js';

/** argon2id with OWASP's minimum: 19 MiB of memory, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's score, 0 (guessed at once) to 4: 3 resists an online attack for a long while ("safely unguessable"). */
export const PASSWORD_MIN_SCORE = 3;

/**
 * The same password typed on two keyboards: "é" may arrive as one code point (NFC) or as "e" +
 * an accent (NFD, e.g. from some macOS and mobile keyboards). Hashed and checked in NFC.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFC');
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2_OPTIONS);
}

/** How many argon2 verifications this process ran: tests count the guesses actually checked. */
export const passwordChecks = { count: 0 };

/**
 * Checks in NFC first; a hash made before passwords were normalized, from a password typed
 * decomposed, is then checked with the password exactly as typed (one more argon2 run, only when
 * the password has characters NFC changes, so a plain wrong password costs one check).
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  // No accepted password is this long, even decomposed: no need to hash a megabyte to say no.
  if (password.length > 5 * PASSWORD_MAX_LENGTH) return false;
  const normalized = normalizePassword(password);
  if (await verifyOnce(passwordHash, normalized)) return true;
  return normalized !== password && (await verifyOnce(passwordHash, password));
}

async function verifyOnce(passwordHash: string, password: string): Promise<boolean> {
  passwordChecks.count += 1;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing in particular: verified for unknown e-mails so both failures take as long. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-never-used');
  return decoyHash;
}

type Zxcvbn = Pick<ZxcvbnFactory, 'check'>;
let estimator: Zxcvbn | undefined;

/**
 * zxcvbn-ts with the common and French dictionaries (passwords, words, first and last names, French
 * Wikipedia) and the AZERTY layout: about 160 ms and some megabytes to load, so loaded once, at the
 * first password to judge, not at start-up. Levenshtein matching is off: it costs 100 to 300 ms of
 * CPU per password, for little (dictionary words with a typo).
 */
function zxcvbn(): Zxcvbn {
  if (!estimator) {
    const load = createRequire(import.meta.url);
    const { ZxcvbnFactory } = load('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common = load('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    const fr = load('@zxcvbn-ts/language-fr') as typeof import('@zxcvbn-ts/language-fr');
    estimator = new ZxcvbnFactory({
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...fr.dictionary },
      useLevenshteinDistance: false,
      // Judging costs grow with the length and, above all, with the l33t substitutions tried (`4`/`@` for `a`…):
      // a random 100-character password of symbols cost 0.8–1.1 s of the server's one thread with the defaults, and
      // anyone may ask (sign-up, the hint while typing). 64 characters and 10 substitutions: at most about 0.1 s,
      // and the l33t passwords people really type ("P@ssw0rd2024!") score the same (docs/comptes.md).
      maxLength: 64,
      l33tMaxSubstitutions: 10,
    });
  }
  return estimator;
}

/** zxcvbn's warning (its key: translations are ours, short and in both languages) → why the password is guessable. */
const WARNINGS: Record<string, Text> = {
  straightRow: say('Les suites de touches du clavier (azerty…) se devinent facilement.', 'Rows of keys (qwerty…) are easy to guess.'),
  keyPattern: say('Les motifs de touches du clavier se devinent facilement.', 'Keyboard patterns are easy to guess.'),
  simpleRepeat: say('Les caractères répétés (aaa) se devinent facilement.', 'Repeated characters (aaa) are easy to guess.'),
  extendedRepeat: say(
    'Les mots ou groupes de caractères répétés (abcabc) se devinent facilement.',
    'Repeated words or groups of characters (abcabc) are easy to guess.',
  ),
  sequences: say('Les suites comme abc ou 1234 se devinent facilement.', 'Sequences like abc or 1234 are easy to guess.'),
  recentYears: say('Les années récentes se devinent facilement.', 'Recent years are easy to guess.'),
  dates: say('Les dates se devinent facilement.', 'Dates are easy to guess.'),
  topTen: say('Ce mot de passe est parmi les plus courants.', 'This is one of the most common passwords.'),
  topHundred: say('Ce mot de passe est très courant.', 'This password is very common.'),
  common: say('Ce mot de passe est courant.', 'This password is common.'),
  similarToCommon: say('Ce mot de passe ressemble à un mot de passe courant.', 'This password looks like a common one.'),
  wordByItself: say('Un mot seul se devine facilement.', 'A single word is easy to guess.'),
  namesByThemselves: say('Un nom ou un prénom seul se devine facilement.', 'A single name or first name is easy to guess.'),
  commonNames: say('Les noms et prénoms courants se devinent facilement.', 'Common names and first names are easy to guess.'),
  userInputs: say(
    'Le mot de passe ne doit pas contenir votre nom ou votre adresse e-mail.',
    'The password must not contain your name or e-mail address.',
  ),
};

const TOO_EASY = say('Ce mot de passe est trop facile à deviner.', 'This password is too easy to guess.');
const ADVICE = say(
  'Une phrase de quelques mots, facile à retenir pour vous, convient très bien.',
  'A phrase of a few words, easy for you to remember, works well.',
);

function reasonAndAdvice(reason: Text): Text {
  return say(`${reason.fr} ${ADVICE.fr}`, `${reason.en} ${ADVICE.en}`);
}

/**
 * What a password is judged against for one person (`passwordWeakness`'s `personal`): the part of their e-mail
 * address before the "@" and their name. Sign-up, activation, reset, change and the hint shown while typing
 * (`passwordStrength`) all pass it, so they judge a password alike.
 */
export function passwordContext(person: { email: string; displayName: string }): string[] {
  return [person.email.split('@')[0], person.displayName];
}

/** The words of a person's name and e-mail address, as zxcvbn's "user inputs". */
function personalWords(personal: string[]): string[] {
  return personal
    .flatMap((text) =>
      text
        .normalize('NFC')
        .toLowerCase()
        .split(/[\s@._+-]+/),
    )
    .filter((word) => word.length >= 3);
}

/** Why a password is too weak, or null when it is fine. */
export function passwordWeakness(password: string, personal: string[] = []): Text | null {
  const normalized = normalizePassword(password);
  if ([...normalized].length < PASSWORD_MIN_LENGTH) {
    return say(
      `Le mot de passe doit faire au moins ${PASSWORD_MIN_LENGTH} caractères. Une phrase facile à retenir convient très bien.`,
      `The password must be at least ${PASSWORD_MIN_LENGTH} characters long. An easy-to-remember phrase works well.`,
    );
  }
  if (normalized.length > PASSWORD_MAX_LENGTH)
    return say('Le mot de passe ne peut pas dépasser 200 caractères.', 'The password cannot exceed 200 characters.');
  const lower = normalized.toLowerCase();
  for (const text of personal) {
    const whole = text.normalize('NFC').toLowerCase().trim();
    if (whole.length >= 4 && lower.includes(whole)) return reasonAndAdvice(WARNINGS.userInputs);
  }
  const result = zxcvbn().check(normalized, personalWords(personal));
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const warning = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
  return reasonAndAdvice(warning ? say(`${TOO_EASY.fr} ${warning.fr}`, `${TOO_EASY.en} ${warning.en}`) : TOO_EASY);
}
