import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { calendarSourceText, importCalendar, importCalendarYears } from '../commands/calendar.js';
import type { Config } from '../config.js';
import { DomainError } from '../core/errors.js';
import type { Runtime } from '../runtime.js';

type WithRuntime = <T>(work: (runtime: Runtime, config: Config) => Promise<T>) => Promise<T>;

interface FileProblem {
  line?: number | undefined;
  path?: string | undefined;
  message: string;
}

/** A calendar file refused: every problem on a line of its own, located by its line, and that nothing changed. */
function describeCalendarRefusal(file: string, error: unknown): Error {
  if (!(error instanceof DomainError) || error.code !== 'validation_failed') return error instanceof Error ? error : new Error(String(error));
  const problems = (error.details as { problems?: FileProblem[] } | undefined)?.problems ?? [];
  if (problems.length === 0) return new Error(`${file}: ${error.message}`);
  const lines = problems.map((problem) => `  ${problem.line === undefined ? '' : `line ${problem.line}, `}${problem.path || 'file'}: ${problem.message}`);
  return new Error([`${file} has ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}; nothing was imported:`, ...lines].join('\n'));
}

/** `redress calendar import|export`: the whole calendar replaced, or (`--years`) the years of a file added beside the others. */
export function calendarCommands(cli: Command, withRuntime: WithRuntime, print: (line: string) => void): void {
  const calendar = cli.command('calendar').description('the holiday calendar working-day deadlines count on');
  calendar
    .command('import <file>')
    .description('replace the holiday calendar from a YAML file (see calendars/cn-mainland.yaml); with --years, add the years the file holds and keep the others')
    .option('--years', 'import only the years FILE holds (e.g. one new year from the State Council notice), keeping every other year of the calendar in force')
    .addOption(new Option('--year', 'the same as --years').hideHelp())
    .action((file: string, options: { years?: boolean; year?: boolean }) =>
      withRuntime(async ({ ctx }) => {
        const source = readFileSync(file, 'utf8');
        try {
          if (options.years || options.year) {
            const { imported, calendar: merged } = await importCalendarYears(ctx, { actor: null, source });
            print(`Imported ${imported.join(', ')} from ${file}; the calendar "${merged.name}" now holds ${merged.years.join(', ')}.`);
            return;
          }
          const imported = await importCalendar(ctx, { actor: null, source });
          print(`Imported "${imported.name}": ${imported.holidays.size} holidays and ${imported.workdays.size} make-up working days for ${imported.years.join(', ')}.`);
        } catch (error) {
          throw describeCalendarRefusal(file, error);
        }
      }),
    );
  calendar
    .command('export')
    .description('print the calendar in force as YAML')
    .action(() =>
      withRuntime(async ({ ctx }) => {
        process.stdout.write(await calendarSourceText(ctx.db));
      }),
    );
}
