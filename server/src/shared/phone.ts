/**
 * Telephone numbers as the standard stores them (E.164: "+590590821234"), from what people write
 * in their own territory's way ("0590 82 12 34" in Guadeloupe, "27 12 34" in New Caledonia).
 * libphonenumber's full metadata tells which territory a number belongs to.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { PHONE_EXAMPLE, type PhoneRegion } from './territory.js';

/** Regions that share France's national format (a 0 then 9 digits): their numbers are told apart by their first digits. */
const TEN_DIGIT_REGIONS: readonly PhoneRegion[] = ['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'BL', 'MF'];

function cleaned(raw: string): string {
  const phone = raw.replace(/[\s.\-()/]/g, '');
  return phone.startsWith('00') ? `+${phone.slice(2)}` : phone;
}

/** The number in E.164 when it is a real number of `region` (or, written 0X XX XX XX XX, of France or a DROM), else null. */
export function phoneToE164(raw: string, region: PhoneRegion = 'FR'): string | null {
  const phone = cleaned(raw);
  if (!/^\+?\d{4,15}$/.test(phone)) return null;
  const regions = /^0\d{9}$/.test(phone) ? [region, ...TEN_DIGIT_REGIONS.filter((other) => other !== region)] : [region];
  for (const candidate of regions) {
    const parsed = parsePhoneNumberFromString(phone, candidate);
    if (parsed?.isValid()) return parsed.number;
  }
  return null;
}

/**
 * What to store for a number: E.164 when it is a real one; otherwise the number rewritten the
 * plain way (+33 for a 0 then 9 digits), so the standard's check says what is wrong with it.
 */
export function normalizePhone(raw: string, region: PhoneRegion = 'FR'): string {
  const real = phoneToE164(raw, region);
  if (real) return real;
  let phone = cleaned(raw);
  if (/^0\d{9}$/.test(phone)) phone = `+33${phone.slice(1)}`;
  if (/^\+330\d{9}$/.test(phone)) phone = `+33${phone.slice(4)}`;
  return phone;
}

/** "02 40 12 34 56", "27 12 34": how a local number of the region is written, for messages. */
export function phoneExample(region: PhoneRegion): string {
  return PHONE_EXAMPLE[region];
}
