/**
 * Time ticks for the history chart's x axis, chosen for the span they cover: times of day for a span
 * of seconds to hours (with the date where a day begins), dates for days and weeks, months for a
 * year, years beyond. Ticks sit on round UTC boundaries inside [t0, t1], at most `maxTicks` of them.
 */

export type TickUnit = "second" | "minute" | "hour" | "day" | "month" | "year";

export interface TimeTick {
  /** Unix seconds. */
  t: number;
  label: string;
}

export interface TimeTicks {
  unit: TickUnit;
  /** Tick spacing in `unit`s. */
  step: number;
  ticks: TimeTick[];
  /** What the labels are and the dates they fall on, e.g. "time of day (UTC), 2026-12-06". */
  caption: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = 86400;
/** 1970-01-05, the first Monday after the epoch: weekly ticks fall on Mondays. */
const FIRST_MONDAY = 4 * DAY;

/** The candidate spacings, finest first. */
const STEPS: ReadonlyArray<{ unit: TickUnit; step: number }> = [
  ...[1, 2, 5, 10, 15, 30].map((step) => ({ unit: "second" as const, step })),
  ...[1, 2, 5, 10, 15, 30].map((step) => ({ unit: "minute" as const, step })),
  ...[1, 2, 3, 6, 12].map((step) => ({ unit: "hour" as const, step })),
  ...[1, 2, 7, 14].map((step) => ({ unit: "day" as const, step })),
  ...[1, 2, 3, 6].map((step) => ({ unit: "month" as const, step })),
  ...[1, 2, 5, 10, 20, 50, 100].map((step) => ({ unit: "year" as const, step })),
];

const SECONDS: Partial<Record<TickUnit, number>> = { second: 1, minute: 60, hour: 3600, day: DAY };

const pad = (n: number): string => String(n).padStart(2, "0");
const utc = (t: number): Date => new Date(t * 1000);
const isoDate = (t: number): string => utc(t).toISOString().slice(0, 10);

/** Tick times of one spacing inside [t0, t1] (calendar months and years in UTC). */
function ticksOf(unit: TickUnit, step: number, t0: number, t1: number, limit: number): number[] {
  const out: number[] = [];
  const s = SECONDS[unit];
  if (s !== undefined) {
    const size = s * step;
    const origin = unit === "day" && step % 7 === 0 ? FIRST_MONDAY : 0;
    for (let t = origin + Math.ceil((t0 - origin) / size) * size; t <= t1 && out.length <= limit; t += size)
      out.push(t);
    return out;
  }
  const d = utc(t0);
  const months = unit === "month" ? step : 12 * step;
  // The first month (or January of a year) on the grid at or after t0.
  let index = d.getUTCFullYear() * 12 + d.getUTCMonth();
  if (Date.UTC(Math.floor(index / 12), index % 12, 1) / 1000 < t0) index += 1;
  index = Math.ceil(index / months) * months;
  for (; out.length <= limit; index += months) {
    const t = Date.UTC(Math.floor(index / 12), index % 12, 1) / 1000;
    if (t > t1) break;
    out.push(t);
  }
  return out;
}

function label(unit: TickUnit, t: number, first: boolean): string {
  const d = utc(t);
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const date = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  switch (unit) {
    case "second":
    case "minute":
    case "hour":
      // A new day is named by its date instead of "00:00".
      if (t % DAY === 0) return date;
      return unit === "second" ? `${hm}:${pad(d.getUTCSeconds())}` : hm;
    case "day":
      return date;
    case "month":
      return first || d.getUTCMonth() === 0
        ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
        : MONTHS[d.getUTCMonth()];
    case "year":
      return String(d.getUTCFullYear());
  }
}

function caption(unit: TickUnit, t0: number, t1: number): string {
  const a = isoDate(t0);
  const b = isoDate(t1);
  const range = a === b ? a : `${a} to ${b}`;
  if (unit === "second" || unit === "minute" || unit === "hour") return `time of day (UTC), ${range}`;
  return `date (UTC), ${range}`;
}

/**
 * The finest spacing that gives at most `maxTicks` ticks in [t0, t1], with their labels. A span of
 * zero (one point) gets one tick labelled with its time of day.
 */
export function chooseTimeTicks(t0: number, t1: number, maxTicks = 6): TimeTicks {
  const max = Math.max(1, Math.floor(maxTicks));
  if (!(t1 > t0)) {
    const d = utc(t0);
    return {
      unit: "second",
      step: 1,
      ticks: [{ t: t0, label: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` }],
      caption: caption("second", t0, t0),
    };
  }
  let chosen = STEPS[STEPS.length - 1];
  let times: number[] = [];
  for (const c of STEPS) {
    const ts = ticksOf(c.unit, c.step, t0, t1, max);
    if (ts.length <= max) {
      chosen = c;
      times = ts;
      break;
    }
  }
  if (times.length === 0) times = [t0];
  return {
    unit: chosen.unit,
    step: chosen.step,
    ticks: times.map((t, i) => ({ t, label: label(chosen.unit, t, i === 0) })),
    caption: caption(chosen.unit, t0, t1),
  };
}
