/**
 * The command line: the same queries the bot answers, plus parse and ingest.
 * `npm run --silent cli -- <command> ...`; `help` lists the commands.
 */
import 'dotenv/config';
import { ConfigError, loadConfig } from '../config.js';
import { DatabaseVersionError } from '../store/database.js';
import { QueryError } from '../store/fts-query.js';
import { DayArgumentError } from '../digest/calendar.js';
import { UsageError } from './arguments.js';
import { commandNamed, runCommand } from './commands.js';

async function main(): Promise<number> {
  try {
    const config = loadConfig(process.env);
    return await runCommand(process.argv.slice(2), { config, out: process.stdout, err: process.stderr, now: () => new Date() });
  } catch (error) {
    if (error instanceof UsageError || error instanceof DayArgumentError || error instanceof QueryError) {
      const command = commandNamed(process.argv.slice(2));
      const named = command === undefined || error.message.startsWith(command) ? error.message : `${command}: ${error.message}`;
      process.stderr.write(`chronicle: ${named}\nRun "npm run --silent cli -- help" for the commands.\n`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof DatabaseVersionError) {
      process.stderr.write(`chronicle: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
