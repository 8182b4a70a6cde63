/**
 * The attack figures of "Comptes de confiance", measured from a separate process against a running
 * Maillage with the demo network (real HTTP):
 *
 *   npm run build && SEED_DEMO=1 npm start            # or any running instance with the demo data
 *   node server/dist/bench/account-attacks.js http://127.0.0.1:3000
 *
 * The server must trust this process as a proxy (the default TRUST_PROXY=loopback does), so each
 * X-Forwarded-For below stands for another visitor. It prints: enumeration answers of sign-up and
 * password reset (known vs unknown address), whether strangers can lock an owner out, and how many
 * of 45 simultaneous guesses get their password checked. It changes the demo accounts' counters:
 * run it on a throwaway instance.
 */
interface Answer {
  ms: number;
  body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
  cookies: number;
}

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const PASSWORD = 'maillage-demo-2026';
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { id } }`;
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { message } }`;
const RESET = `mutation ($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`;
const DEMO = ['admin', 'moderation', 'camille', 'karim', 'sophie', 'lucas', 'nadia', 'bernard'].map((n) => `${n}@demo.maillage.fr`);

async function graphql(query: string, variables: Record<string, unknown>, address: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Answer['body'];
  return { ms: performance.now() - started, body, cookies: response.headers.getSetCookie().length };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)].toFixed(0);
const code = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code ?? 'ok';

async function enumeration(): Promise<void> {
  const times = { register: { known: [] as number[], unknown: [] as number[] }, reset: { known: [] as number[], unknown: [] as number[] } };
  const answers = { register: new Set<string>(), reset: new Set<string>() };
  let cookies = 0;
  // Interleaved: a new address, then a demo one, three rounds over the eight demo accounts.
  for (let round = 0; round < 3; round += 1) {
    for (let i = 0; i < DEMO.length; i += 1) {
      for (const kind of ['unknown', 'known'] as const) {
        const email = kind === 'known' ? DEMO[i] : `nouvelle.${Date.now()}.${round}${i}@exemple.fr`;
        const visitor = `198.18.${round}.${i * 2 + (kind === 'known' ? 1 : 0)}`;
        const signUp = await graphql(
          REGISTER,
          { input: { email, password: 'une phrase de passe solide', displayName: 'Test Personne' } },
          visitor,
        );
        times.register[kind].push(signUp.ms);
        answers.register.add(JSON.stringify(signUp.body));
        cookies += signUp.cookies;
        const reset = await graphql(RESET, { input: { email } }, visitor);
        times.reset[kind].push(reset.ms);
        answers.reset.add(JSON.stringify(reset.body));
      }
    }
  }
  console.log(
    `register: ${answers.register.size} distinct answer for known and new addresses, ${cookies} cookies set; ` +
      `median ${median(times.register.known)} ms known vs ${median(times.register.unknown)} ms new`,
  );
  console.log(
    `requestPasswordReset: ${answers.reset.size} distinct answer; median ${median(times.reset.known)} ms known vs ${median(times.reset.unknown)} ms unknown`,
  );
}

async function lockOut(): Promise<void> {
  let throttled = 0;
  for (let i = 0; i < 60; i += 1) {
    if (code(await graphql(LOGIN, { input: { email: DEMO[3], password: `mauvais-${i}-mot-de-passe` } }, '203.0.113.5')) === 'RATE_LIMITED')
      throttled += 1;
  }
  for (let i = 0; i < 40; i += 1)
    await graphql(LOGIN, { input: { email: DEMO[3], password: `autre-${i}` } }, `203.0.113.${100 + (i % 20)}`);
  const owner = await graphql(LOGIN, { input: { email: DEMO[3], password: PASSWORD } }, '192.0.2.44');
  console.log(
    `100 wrong passwords from 21 stranger addresses (${throttled} of the first 60 throttled); the owner from their own address: ${code(owner)}`,
  );
  const forged = await graphql(LOGIN, { input: { email: DEMO[3], password: 'encore-faux-123' } }, '10.9.9.9, 203.0.113.5');
  console.log(`the stranger forging an address in front of their own X-Forwarded-For: ${code(forged)}`);
}

async function burst(): Promise<void> {
  const answers = await Promise.all(
    Array.from({ length: 45 }, (_, i) => graphql(LOGIN, { input: { email: DEMO[5], password: `devinette-${i}-xyz` } }, '203.0.113.77')),
  );
  const checked = answers.filter((answer) => code(answer) !== 'RATE_LIMITED').length;
  console.log(`45 simultaneous guesses from one address: ${checked} passwords checked, ${45 - checked} refused before the check`);
}

await enumeration();
await lockOut();
await burst();
