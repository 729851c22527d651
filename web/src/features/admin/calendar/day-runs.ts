export interface Day {
  date: string;
  name: string;
}

/** Consecutive days of one name, e.g. the eight days of the National Day holiday. */
export interface DayRun {
  from: string;
  to: string;
  name: string;
  days: number;
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Groups days (in date order) into runs of consecutive dates with the same name. */
export function dayRuns(days: readonly Day[]): DayRun[] {
  const runs: DayRun[] = [];
  for (const day of days) {
    const last = runs[runs.length - 1];
    if (last && last.name === day.name && nextDay(last.to) === day.date) {
      last.to = day.date;
      last.days += 1;
    } else {
      runs.push({ from: day.date, to: day.date, name: day.name, days: 1 });
    }
  }
  return runs;
}
