/* Expands the recurring events of .ics files with libical (Evolution, GNOME Calendar).
 *
 * Usage: expand_ics YYYYMMDD FILE.ics...  (instances that start before that day, UTC)
 *
 * Per VEVENT with an RRULE, one line per instance from icalcomponent_foreach_recurrence
 * (which applies RRULE, RDATE and EXDATE, with the file's own VTIMEZONEs):
 *   "INSTANCE <path> <uid> <start> <end>"
 * per VEVENT with a RECURRENCE-ID (libical leaves merging them to the application):
 *   "OVERRIDE <path> <uid> <recurrence-id> <start> <end> <status>"
 * per other VEVENT:
 *   "EVENT <path> <uid> <start> <end>"
 * Times are UTC (YYYYMMDDTHHMMSSZ), or dates (YYYYMMDD) for all-day events. Fields are
 * separated by tabs. The first line per file is "FILE <path> <parse errors>". */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>

#include "slurp.h"
#include <string.h>

static void print_utc(struct icaltimetype t) {
    if (t.is_date) {
        printf("%04d%02d%02d", t.year, t.month, t.day);
        return;
    }
    printf("%s", icaltime_as_ical_string(icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone())));
}

/* icalcomponent_get_recurrenceid() leaves the time floating: its TZID is looked up in
 * the file's VTIMEZONEs here, as icalcomponent_get_dtstart() does for DTSTART. */
static struct icaltimetype recurrence_id(icalcomponent *cal, icalcomponent *ev) {
    icalproperty *prop = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
    struct icaltimetype t = icalproperty_get_recurrenceid(prop);
    icalparameter *tzid = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
    if (tzid && !t.is_date) {
        icaltimezone *zone = icalcomponent_get_timezone(cal, icalparameter_get_tzid(tzid));
        if (zone) t = icaltime_set_timezone(&t, zone);
    }
    return t;
}

struct context {
    const char *path;
    const char *uid;
    int is_date;
};

static void instance(icalcomponent *comp, struct icaltime_span *span, void *data) {
    struct context *ctx = data;
    icaltimezone *utc = icaltimezone_get_utc_timezone();
    struct icaltimetype start = icaltime_from_timet_with_zone(span->start, ctx->is_date, utc);
    struct icaltimetype end = icaltime_from_timet_with_zone(span->end, ctx->is_date, utc);
    (void)comp;
    printf("INSTANCE\t%s\t%s\t", ctx->path, ctx->uid);
    print_utc(start);
    printf("\t");
    print_utc(end);
    printf("\n");
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    struct icaltimetype limit = icaltime_from_string(argv[1]);
    limit.is_date = 0;
    limit.zone = icaltimezone_get_utc_timezone();
    struct icaltimetype origin = icaltime_from_string("19000101T000000Z");
    for (int i = 2; i < argc; i++) {
        char *text = slurp(argv[i]);
        icalcomponent *cal = text ? icalparser_parse_string(text) : NULL;
        if (!cal) {
            printf("FILE\t%s\t-1\n", argv[i]);
            continue;
        }
        printf("FILE\t%s\t%d\n", argv[i], icalcomponent_count_errors(cal));
        for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
             ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
            const char *uid = icalcomponent_get_uid(ev);
            struct icaltimetype start = icalcomponent_get_dtstart(ev);
            struct icaltimetype end = icalcomponent_get_dtend(ev);
            if (icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY)) {
                printf("OVERRIDE\t%s\t%s\t", argv[i], uid);
                print_utc(recurrence_id(cal, ev));
                printf("\t");
                print_utc(start);
                printf("\t");
                print_utc(end);
                printf("\t%s\n", icalproperty_status_to_string(icalcomponent_get_status(ev)));
            } else if (icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY)) {
                struct context ctx = {argv[i], uid, start.is_date};
                icalcomponent_foreach_recurrence(ev, origin, limit, instance, &ctx);
            } else {
                printf("EVENT\t%s\t%s\t", argv[i], uid);
                print_utc(start);
                printf("\t");
                print_utc(end);
                printf("\n");
            }
        }
        icalcomponent_free(cal);
        free(text);
    }
    return 0;
}
