// Expands the recurring events of .ics files with ical.js (Thunderbird's engine) and
// prints every instance as JSON: what a subscriber's calendar would show.
// Usage: node expand_ics.mjs UNTIL FILE.ics...   (UNTIL: YYYY-MM-DD, instances starting
// before it; run with TZ=UTC, see parse_ics.mjs)
//
// Overrides (VEVENTs with RECURRENCE-ID) are related to their master as ical.js does it
// for Thunderbird: getOccurrenceDetails() gives the override's times for that instance.
// EXDATEs are left out by ical.js's own expansion. Times come out as UTC ISO strings,
// all-day dates as YYYY-MM-DD.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [untilText, ...files] = process.argv.slice(2);
const until = ICAL.Time.fromDateString(untilText);
const MAX = 5000;

function when(time) {
  return time.isDate ? time.toString() : time.toJSDate().toISOString();
}

const result = {};
for (const file of files) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  const byUid = new Map();
  for (const vevent of root.getAllSubcomponents("vevent")) {
    const uid = vevent.getFirstPropertyValue("uid");
    if (!byUid.has(uid)) byUid.set(uid, { master: null, overrides: [] });
    const entry = byUid.get(uid);
    if (vevent.hasProperty("recurrence-id")) entry.overrides.push(vevent);
    else entry.master = vevent;
  }
  const instances = [];
  for (const [uid, { master, overrides }] of byUid) {
    const event = new ICAL.Event(master);
    for (const override of overrides) event.relateException(override);
    if (!event.isRecurring()) {
      instances.push({ uid, recurrenceId: null, start: when(event.startDate), end: when(event.endDate),
        status: master.getFirstPropertyValue("status"), summary: event.summary });
      continue;
    }
    const iterator = event.iterator();
    let next;
    let count = 0;
    while ((next = iterator.next()) && count < MAX) {
      if (next.compare(until) >= 0) break;
      count += 1;
      const details = event.getOccurrenceDetails(next);
      const item = details.item;
      instances.push({
        uid,
        recurrenceId: when(details.recurrenceId),
        start: when(details.startDate),
        end: when(details.endDate),
        status: item.component.getFirstPropertyValue("status"),
        summary: item.summary,
        override: item.isRecurrenceException(),
      });
    }
  }
  result[file] = instances;
}
process.stdout.write(JSON.stringify(result));
