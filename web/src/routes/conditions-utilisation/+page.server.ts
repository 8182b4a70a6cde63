import { siteLegal } from '$lib/server/site-legal';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({ legal: await siteLegal(event) });
