// Generated from the content contract (src/quartier/content/schema.py) by `quartier cms`;
// do not edit. `quartier cms --check` fails when it is stale.
export const NAME_OR_FIELDS = ["organizer"];
export const CITY_FIELDS = ["name", "state", "lat", "lon"];
