import type { Db } from './db/client.js';
import { demoMentors, demoPendingApplicant } from './demo-mentors.js';
import type { Logger } from './lib/logger.js';
import { hashPassword } from './modules/auth/auth.service.js';
import { approveApplication, submitApplication } from './modules/mentors/mentors.service.js';
import { countUsers, createUser, findUserByEmail } from './modules/users/users.service.js';

export const DEMO_PASSWORD = 'Password123!';

export const demoAccounts = [
  { email: 'admin@example.com', name: 'Aditi Admin', role: 'admin' as const },
  { email: 'asha@example.com', name: 'Asha Rao', role: 'mentor' as const },
  { email: 'student@example.com', name: 'Sam Student', role: 'student' as const },
];

/**
 * Adds whatever demo data is missing; running it twice adds nothing. Mentors go through the real
 * application → approval path (without emails), so demo data obeys every rule real data does.
 */
export async function seedDemoData(db: Db, publicUrl = 'http://localhost:3000'): Promise<{ created: string[] }> {
  const created: string[] = [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ensureUser = async (email: string, name: string, role: 'student' | 'admin' = 'student') => {
    const existing = await findUserByEmail(db, email);
    if (existing) return { user: existing, isNew: false };
    created.push(email);
    return { user: await createUser(db, { email, name, passwordHash, role }), isNew: true };
  };
  const { user: admin } = await ensureUser('admin@example.com', 'Aditi Admin', 'admin');
  await ensureUser('student@example.com', 'Sam Student');
  for (const { email, name, ...application } of demoMentors) {
    const { user, isNew } = await ensureUser(email, name);
    if (!isNew) continue;
    const { application: submitted } = await submitApplication(db, user.id, 'student', application);
    await approveApplication(db, admin.id, submitted.id, { publicUrl }, { silent: true });
  }
  const { email, name, ...pending } = demoPendingApplicant;
  const { user: applicant, isNew } = await ensureUser(email, name);
  if (isNew) await submitApplication(db, applicant.id, 'student', pending);
  return { created };
}

/** At start-up only an empty database is seeded, so demo data an admin removed doesn't come back. */
export async function seedIfEmpty(db: Db, logger: Logger, publicUrl?: string): Promise<void> {
  if ((await countUsers(db)) > 0) return;
  const { created } = await seedDemoData(db, publicUrl);
  logger.info({ accounts: created.length }, 'seeded demo data');
}

export function demoAccountsBanner(): string {
  const rows = demoAccounts.map((a) => `  ${a.email.padEnd(22)} ${a.role}`).join('\n');
  return `Demo accounts (password ${DEMO_PASSWORD}):\n${rows}\n  …and ${demoMentors.length - 1} more mentors (vikram@, neha@, …) and a pending applicant (rahul@example.com)`;
}
