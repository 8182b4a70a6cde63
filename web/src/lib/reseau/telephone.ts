import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * How people of a place's territory write a local number, for the hint next to the phone field
 * (the server reads it the same way: server/src/shared/territory.ts, PHONE_EXAMPLE).
 */
const EXAMPLES: Record<string, string> = {
  '971': '0590 82 12 34',
  '972': '0596 71 23 45',
  '973': '0594 29 12 34',
  '974': '0262 41 23 45',
  '975': '41 12 34',
  '976': '0269 61 12 34',
  '977': '0590 27 12 34',
  '978': '0590 87 12 34',
  '986': '72 12 34',
  '987': '40 50 12 34',
  '988': '27 12 34',
};

export function phoneExample(departement: string | null | undefined): string {
  return (departement && EXAMPLES[departement]) || '02 40 12 34 56';
}

/**
 * A stored number (E.164, "+33240583210") shown the French way: "02 40 58 32 10" for metropolitan
 * France, with its prefix for the other territories ("+590 590 82 12 34", "+687 27 12 34"), so it
 * can be dialled from anywhere. Anything that does not read as a number is shown as it is.
 */
export function phoneDisplay(value: string): string {
  const phone = parsePhoneNumberFromString(value.replace(/[\s.]/g, ''), 'FR');
  if (!phone) return value;
  return phone.country === 'FR' ? phone.formatNational() : phone.formatInternational();
}
