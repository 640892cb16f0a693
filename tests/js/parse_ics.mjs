// Reads .ics files with ical.js (Thunderbird's parser) and prints what it understood as JSON.
// Usage: node parse_ics.mjs FILE.ics...   (run with TZ=UTC so that a time ical.js cannot
// place in a zone, a "floating" time, shows up as a wrong instant instead of passing by chance)
//
// Times come out as UTC ISO strings via toJSDate().toISOString(); all-day dates as YYYY-MM-DD.
// Each VTIMEZONE of the file is used as written (ical.js looks TZIDs up in the file).
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function when(time) {
  if (!time) return null;
  return time.isDate ? time.toString() : time.toJSDate().toISOString();
}

const result = {};
for (const file of process.argv.slice(2)) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  result[file] = {
    name: root.getFirstPropertyValue("x-wr-calname"),
    timezones: root.getAllSubcomponents("vtimezone").map((tz) => tz.getFirstPropertyValue("tzid")),
    events: root.getAllSubcomponents("vevent").map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        summary: event.summary,
        description: event.description,
        location: event.location,
        status: vevent.getFirstPropertyValue("status"),
        sequence: event.sequence,
        categories: vevent.getAllProperties("categories").flatMap((p) => p.getValues()),
        organizer: vevent.getFirstPropertyValue("organizer"),
        organizerName: vevent.getFirstProperty("organizer")?.getParameter("cn") ?? null,
        start: when(event.startDate),
        end: when(event.endDate),
        hasEnd: vevent.hasProperty("dtend") || vevent.hasProperty("duration"),
        isDate: event.startDate.isDate,
        endIsDate: event.endDate.isDate,
        zone: event.startDate.isDate ? null : event.startDate.zone.tzid,
      };
    }),
  };
}
process.stdout.write(JSON.stringify(result));
