/* Reads .ics files with libical, the C library behind Evolution and GNOME Calendar.
 *
 * For each file: one line "FILE <path> <parse errors> <restriction check ok 0/1>",
 * then one "ERROR <path> <text>" per X-LIC-ERROR libical added, then per VEVENT
 * "EVENT <path> <uid> <start> <end> <date-only 0/1> <sequence> <override 0/1>" (an override
 * is a RECURRENCE-ID VEVENT of a series: a moved date), where times are UTC
 * (YYYYMMDDTHHMMSSZ) converted through the file's own VTIMEZONEs, or dates (YYYYMMDD).
 * Fields are separated by tabs. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>

#include "slurp.h"

static void print_errors(const char *path, icalcomponent *c) {
    for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY))
        printf("ERROR\t%s\t%s\n", path, icalproperty_get_xlicerror(p));
    for (icalcomponent *k = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); k;
         k = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        print_errors(path, k);
}

static const char *utc(struct icaltimetype t) {
    if (t.is_date) return icaltime_as_ical_string(t);
    return icaltime_as_ical_string(icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone()));
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        char *text = slurp(argv[i]);
        icalcomponent *cal = text ? icalparser_parse_string(text) : NULL;
        if (!cal) {
            printf("FILE\t%s\t-1\t0\n", argv[i]);
            continue;
        }
        int parse_errors = icalcomponent_count_errors(cal);
        int ok = icalrestriction_check(cal);
        printf("FILE\t%s\t%d\t%d\n", argv[i], parse_errors, ok);
        print_errors(argv[i], cal);
        for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
             ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
            struct icaltimetype start = icalcomponent_get_dtstart(ev);
            struct icaltimetype end = icalcomponent_get_dtend(ev);
            printf("EVENT\t%s\t%s\t%s", argv[i], icalcomponent_get_uid(ev), utc(start));
            int override = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY) != NULL;
            printf("\t%s\t%d\t%d\t%d\n", utc(end), start.is_date, icalcomponent_get_sequence(ev), override);
        }
        icalcomponent_free(cal);
        free(text);
    }
    return 0;
}
