import { writeSync } from 'node:fs';
import { runJobCommand } from '../../src/cli.js';
import { parseConfig } from '../../src/config.js';
import { openPg } from '../../src/db/client.js';

/**
 * The crash test's child: `node --import tsx test/support/job-until-statement.ts <job> --now <ISO> [--stop-at N]`
 * runs one job exactly as `npm run job` does (the same `runJobCommand`), counting the SQL statements it sends.
 * With --stop-at N it signals the step it reached — the line `stopped before statement N` on stdout — and
 * SIGKILLs itself right before statement N would be sent: inside a transaction, between batches, between a
 * gateway call and its record, wherever N falls. Where it dies depends only on N, not on the machine's speed.
 * Without it the job runs to the end and the last line says how many statements it took.
 */
const args = process.argv.slice(2);
const stopIndex = args.indexOf('--stop-at');
const stopAt = stopIndex === -1 ? Number.POSITIVE_INFINITY : Number(args[stopIndex + 1]);
if (!(stopAt >= 1)) throw new Error('--stop-at needs a statement number ≥ 1');
const jobArgs = stopIndex === -1 ? args : [...args.slice(0, stopIndex), ...args.slice(stopIndex + 2)];

const config = parseConfig();
let counting = false;
let statements = 0;
const database = openPg(config.DATABASE_URL!, 2, {
  onQuery: () => {
    if (!counting) return;
    statements += 1;
    if (statements === stopAt) {
      writeSync(1, `stopped before statement ${stopAt}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
  },
});
await database.migrate();
counting = true;
const line = await runJobCommand(jobArgs, config, database);
await database.close();
writeSync(1, `${line}\nstatements: ${statements}\n`);
