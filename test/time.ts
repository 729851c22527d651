/** The time source tests move by hand (what `ctx.now` reads). */
export interface TestTime {
  now: () => string;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testTime(start: string): TestTime {
  let current = Date.parse(start);
  return {
    now: () => new Date(current).toISOString(),
    set: (iso) => {
      current = Date.parse(iso);
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export const minutes = (n: number): number => n * 60_000;
export const hours = (n: number): number => n * 3_600_000;
export const days = (n: number): number => n * 86_400_000;
