import type { Db } from './db/client.js';
import { demoMentors, demoPendingApplicant } from './demo-mentors.js';
import type { Logger } from './lib/logger.js';
import { hashPassword } from './modules/auth/auth.service.js';
import { createSlot, putAvailability } from './modules/availability/availability.service.js';
import type { WeeklyRule } from './modules/availability/engine.js';
import { approveApplication, submitApplication } from './modules/mentors/mentors.service.js';
import { countUsers, createUser, findUserByEmail } from './modules/users/users.service.js';
import { clock } from './lib/clock.js';

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
const demoSchedule = {
  settings: {
    sessionLengths: [30, 60],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 10,
    minNoticeMinutes: 12 * 60,
    horizonDays: 28,
    slotIntervalMinutes: 30,
    dailyLimit: 4,
    weeklyLimit: null,
  },
};

const hours = (h: number, m = 0) => h * 60 + m;

/** Evenings on weekdays plus a weekend morning, varied a little per mentor so calendars differ. */
function demoWeeklyHours(index: number): WeeklyRule[] {
  const eveningStart = hours(17 + (index % 3));
  const weekdays = index % 4 === 3 ? [1, 3, 5] : [1, 2, 3, 4, 5];
  return [
    ...weekdays.map((weekday) => ({ weekday, startMinute: eveningStart, endMinute: eveningStart + hours(3) })),
    { weekday: index % 2 === 0 ? 6 : 0, startMinute: hours(10), endMinute: hours(13) },
  ];
}

/** Two group sessions a few days out, relative to when the demo data is created. */
async function seedDemoSlots(db: Db, mentorId: string, now: Date): Promise<void> {
  const at = (days: number, utcHour: number, utcMinute = 0) => {
    const d = new Date(now.getTime() + days * 86_400_000);
    d.setUTCHours(utcHour, utcMinute, 0, 0);
    return d;
  };
  // 10:30 UTC is 16:00 in Kolkata; 05:30 UTC is 11:00.
  await createSlot(db, mentorId, { startsAt: at(3, 10, 30), durationMinutes: 60, capacity: 8, title: 'System design AMA: design a URL shortener', pricePaise: 499_00 }, now);
  await createSlot(db, mentorId, { startsAt: at(6, 5, 30), durationMinutes: 90, capacity: 4, title: 'Mock interview panel (group)', pricePaise: 999_00 }, now);
}

export async function seedDemoData(db: Db, publicUrl = 'http://localhost:3000', now = clock.now()): Promise<{ created: string[] }> {
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
  for (const [index, { email, name, ...application }] of demoMentors.entries()) {
    const { user, isNew } = await ensureUser(email, name);
    if (!isNew) continue;
    const { application: submitted } = await submitApplication(db, user.id, 'student', application);
    await approveApplication(db, admin.id, submitted.id, { publicUrl }, { silent: true });
    await putAvailability(db, user.id, { settings: { ...demoSchedule.settings, timeZone: application.timeZone }, weekly: demoWeeklyHours(index) });
    if (email === 'asha@example.com') await seedDemoSlots(db, user.id, now);
  }
  const { email, name, ...pending } = demoPendingApplicant;
  const { user: applicant, isNew } = await ensureUser(email, name);
  if (isNew) await submitApplication(db, applicant.id, 'student', pending);
  return { created };
}

/** At start-up only an empty database is seeded, so demo data an admin removed doesn't come back. */
export async function seedIfEmpty(db: Db, logger: Logger, publicUrl?: string): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  const { created } = await seedDemoData(db, publicUrl);
  logger.info({ accounts: created.length }, 'seeded demo data');
  return true;
}

export function demoAccountsBanner(): string {
  const rows = demoAccounts.map((a) => `  ${a.email.padEnd(22)} ${a.role}`).join('\n');
  return `Demo accounts (password ${DEMO_PASSWORD}):\n${rows}\n  …and ${demoMentors.length - 1} more mentors (vikram@, neha@, …) and a pending applicant (rahul@example.com)`;
}
