import { toSignIn, signedIn } from '$lib/server/user';
import type { LayoutServerLoad } from './$types';

/**
 * The pages of this group are for signed-in members: a visitor is sent to the sign-in page first.
 * A group adds nothing to the addresses (`(membre)/profil` is `/profil`). /mes-donnees/supprimer stays
 * outside: right after a deletion it shows what was kept to a person who is no longer signed in.
 */
export const load: LayoutServerLoad = async (event) => {
  if (!(await signedIn(event))) toSignIn(event.url);
};
