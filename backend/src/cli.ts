import { parseConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { seedDemoData } from './seed.js';

/** `npm run db:migrate` and `npm run seed`: the same steps the server runs at start, on demand. */
async function main(command: string | undefined): Promise<void> {
  const config = parseConfig();
  const database = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  try {
    await database.migrate();
    if (command === 'migrate') {
      process.stdout.write(`Migrations applied (${database.kind}).\n`);
    } else if (command === 'seed') {
      const { created } = await seedDemoData(database.db);
      process.stdout.write(created.length ? `Created: ${created.join(', ')}\n` : 'Demo data already present; nothing added.\n');
    } else {
      throw new Error(`Unknown command "${command}". Use: migrate | seed`);
    }
  } finally {
    await database.close();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
