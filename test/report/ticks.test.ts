/** The chart's time ticks: chosen for the span they cover, on round UTC boundaries, within the tick budget. */
import { expect } from "chai";
import fc from "fast-check";
import { chooseTimeTicks } from "../../src/report/ticks";

const T = (iso: string): number => Date.parse(iso) / 1000;
const labels = (a: string, b: string, max: number): string[] =>
  chooseTimeTicks(T(a), T(b), max).ticks.map((t) => t.label);

describe("report: the chart's time ticks", function () {
  it("labels a span of seconds or minutes with times of day, the date in the caption", function () {
    // npm start's run: 90 seconds
    const run = chooseTimeTicks(T("2026-12-06T11:43:21Z"), T("2026-12-06T11:44:51Z"), 6);
    expect(run.unit).to.equal("second");
    expect(run.ticks.map((t) => t.label)).to.deep.equal([
      "11:43:30",
      "11:43:45",
      "11:44:00",
      "11:44:15",
      "11:44:30",
      "11:44:45",
    ]);
    expect(run.caption).to.equal("time of day (UTC), 2026-12-06");
    expect(labels("2026-12-06T11:43:21Z", "2026-12-06T11:53:21Z", 6)).to.deep.equal([
      "11:44",
      "11:46",
      "11:48",
      "11:50",
      "11:52",
    ]);
    expect(labels("2026-12-06T11:43:21Z", "2026-12-06T11:53:21Z", 3)).to.deep.equal(["11:45", "11:50"]);
  });

  it("labels a span of hours with times of day, and names a new day by its date", function () {
    expect(labels("2026-12-06T09:10:00Z", "2026-12-06T15:50:00Z", 6)).to.deep.equal([
      "10:00",
      "11:00",
      "12:00",
      "13:00",
      "14:00",
      "15:00",
    ]);
    const night = chooseTimeTicks(T("2026-12-06T20:00:00Z"), T("2026-12-07T04:30:00Z"), 6);
    expect(night.ticks.map((t) => t.label)).to.deep.equal(["20:00", "22:00", "Dec 7", "02:00", "04:00"]);
    expect(night.caption).to.equal("time of day (UTC), 2026-12-06 to 2026-12-07");
    // the report fixture's span: a day and an hour
    expect(labels("2026-12-05T11:00:00Z", "2026-12-06T12:00:00Z", 7)).to.deep.equal([
      "12:00",
      "18:00",
      "Dec 6",
      "06:00",
      "12:00",
    ]);
  });

  it("labels a span of days with dates, weeks on Mondays", function () {
    const days = chooseTimeTicks(T("2026-12-01T12:00:00Z"), T("2026-12-05T12:00:00Z"), 6);
    expect(days.unit).to.equal("day");
    expect(days.ticks.map((t) => t.label)).to.deep.equal(["Dec 2", "Dec 3", "Dec 4", "Dec 5"]);
    expect(days.caption).to.equal("date (UTC), 2026-12-01 to 2026-12-05");
    const weeks = chooseTimeTicks(T("2026-11-03T00:00:00Z"), T("2026-12-20T00:00:00Z"), 6);
    expect(weeks.ticks.map((t) => t.label)).to.deep.equal(["Nov 9", "Nov 16", "Nov 23", "Nov 30", "Dec 7", "Dec 14"]);
    for (const t of weeks.ticks) expect(new Date(t.t * 1000).getUTCDay(), t.label).to.equal(1);
  });

  it("labels a year with months (the year on the first and on January), years beyond", function () {
    const year = chooseTimeTicks(T("2026-01-15T00:00:00Z"), T("2027-01-15T00:00:00Z"), 6);
    expect(year.unit).to.equal("month");
    expect(year.ticks.map((t) => t.label)).to.deep.equal(["Mar 2026", "May", "Jul", "Sep", "Nov", "Jan 2027"]);
    expect(labels("2026-01-15T00:00:00Z", "2027-01-15T00:00:00Z", 4)).to.deep.equal([
      "Apr 2026",
      "Jul",
      "Oct",
      "Jan 2027",
    ]);
    expect(labels("2020-06-01T00:00:00Z", "2026-06-01T00:00:00Z", 6)).to.deep.equal([
      "2021",
      "2022",
      "2023",
      "2024",
      "2025",
      "2026",
    ]);
  });

  it("gives one point one tick, its time of day", function () {
    const one = chooseTimeTicks(T("2026-12-06T11:43:21Z"), T("2026-12-06T11:43:21Z"), 6);
    expect(one.ticks).to.deep.equal([{ t: T("2026-12-06T11:43:21Z"), label: "11:43:21" }]);
  });

  it("always: 1 to maxTicks ticks, ascending, inside the span; labels differ where the span is under a day", function () {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.integer({ min: 1, max: 50 * 365 * 86400 }),
        fc.integer({ min: 2, max: 8 }),
        (t0, span, max) => {
          const r = chooseTimeTicks(t0, t0 + span, max);
          expect(r.ticks.length).to.be.within(1, max);
          r.ticks.forEach((t, i) => {
            expect(t.t).to.be.within(t0, t0 + span);
            if (i > 0) expect(t.t).to.be.greaterThan(r.ticks[i - 1].t);
          });
          if (span < 86400) expect(new Set(r.ticks.map((t) => t.label)).size).to.equal(r.ticks.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});
