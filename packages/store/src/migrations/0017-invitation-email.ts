// Invitations go out by email when SMTP is configured: each remembers how its email fared, so the admin
// sees "sent" or "not sent" with the reason and can still copy the link.
import { sql, type Kysely, type Migration } from 'kysely';

export const invitationEmail: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE invitations ADD COLUMN email_status text`.execute(db);
    await sql`ALTER TABLE invitations ADD COLUMN email_error text`.execute(db);
  },
};
