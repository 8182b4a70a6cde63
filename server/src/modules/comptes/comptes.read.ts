/**
 * What comptes lets other modules read of its tables, beyond the `member_card` view.
 */
import { sql } from '../../db/sql.js';

/**
 * Members' public profiles for réseau's people directory: `member_card`'s columns plus the
 * presentation (`bio`), which the directory shows and searches. A subquery in `from`, which
 * PostgreSQL inlines like a view: `from ${memberProfiles} u`.
 */
export const memberProfiles = sql`(select id, display_name, email, show_email, metier, commune, departement, status,
                                          expertise_tags, languages, bio from app_user)`;
