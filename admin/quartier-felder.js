// Generated from the content contract (src/quartier/content/schema.py) and the site's words
// (src/quartier/render/) by `quartier cms`; do not edit. `quartier cms --check` fails when it is stale.
export const NAME_OR_FIELDS = ["organizer"];
export const CITY_FIELDS = ["name", "state", "lat", "lon"];
export const FORMAT_WORDS = {"in-person": "vor Ort", "online": "online", "hybrid": "hybrid"};
export const STATUS_NOTICES = {"cancelled": {"badge": "Abgesagt", "text": "Diese Veranstaltung findet nicht statt."}, "postponed": {"badge": "Verschoben", "text": "Diese Veranstaltung wird verschoben. Der neue Termin wird hier bekannt gegeben."}};
