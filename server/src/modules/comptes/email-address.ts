import type { FieldErrors } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';

/** An e-mail address as Maillage keeps it: no spaces around, lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** The (normalized) address looks like one: `field` names the form field that gets the message. */
export function checkEmail(errors: FieldErrors, email: string, field = 'email'): void {
  if (!email) errors.add(field, say('L’adresse e-mail est obligatoire.', 'The e-mail address is required.'));
  else if (email.length > 254 || !EMAIL.test(email)) {
    errors.add(
      field,
      say(
        'Cette adresse e-mail n’est pas valide (exemple : prenom.nom@exemple.fr).',
        'This e-mail address is not valid (e.g. name@example.org).',
      ),
    );
  }
}
