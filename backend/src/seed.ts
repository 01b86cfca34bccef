import type { Db } from './db/client.js';
import type { Logger } from './lib/logger.js';
import { hashPassword } from './modules/auth/auth.service.js';
import { countUsers, createUser, findUserByEmail } from './modules/users/users.service.js';

export const DEMO_PASSWORD = 'Password123!';

export const demoAccounts = [
  { email: 'admin@example.com', name: 'Aditi Admin', role: 'admin' as const },
  { email: 'asha@example.com', name: 'Asha Rao', role: 'student' as const },
  { email: 'student@example.com', name: 'Sam Student', role: 'student' as const },
];

/** Adds each demo account that doesn't exist yet; running it twice adds nothing. */
export async function seedDemoData(db: Db): Promise<{ created: string[] }> {
  const created: string[] = [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of demoAccounts) {
    if (await findUserByEmail(db, account.email)) continue;
    await createUser(db, { ...account, passwordHash });
    created.push(account.email);
  }
  return { created };
}

/** At start-up only an empty database is seeded, so demo accounts an admin removed don't come back. */
export async function seedIfEmpty(db: Db, logger: Logger): Promise<void> {
  if ((await countUsers(db)) > 0) return;
  const { created } = await seedDemoData(db);
  logger.info({ accounts: created }, 'seeded demo data');
}

export function demoAccountsBanner(): string {
  const rows = demoAccounts.map((a) => `  ${a.email.padEnd(22)} ${a.role}`).join('\n');
  return `Demo accounts (password ${DEMO_PASSWORD}):\n${rows}`;
}
