/** French département codes: 01–95 (with 2A/2B for Corsica) and overseas 971–976. */
const DEPARTEMENT = /^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/;

export function normalizeDepartement(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const code = raw.trim().toUpperCase();
  if (/^\d$/.test(code)) return `0${code}`;
  return code;
}

export function isDepartement(code: string): boolean {
  return DEPARTEMENT.test(code);
}

/** The département of a French postcode ("44260" → "44", "20000" → "2A", "97400" → "974"). */
export function departementFromPostcode(postcode: string): string | null {
  if (!/^\d{5}$/.test(postcode)) return null;
  if (postcode.startsWith('97')) return postcode.slice(0, 3);
  if (postcode.startsWith('20')) return Number(postcode) < 20200 ? '2A' : '2B';
  return postcode.slice(0, 2);
}
