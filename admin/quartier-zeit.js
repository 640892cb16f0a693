// Dates and times of the form: what the files hold (ISO, as the content contract writes
// it) and what editors type and see (German, TT.MM.JJJJ and HH:MM), whatever the
// browser's own language. Pure functions, no DOM: quartier-cms.js draws the fields, and a
// test runs these in Node against the validator's list of spellings.

// What a file may hold is declared once, in content/moments.py, and generated from there:
// the spellings of a date, a date with a time, and a time alone, and which of them each
// mode takes. The validator and the JSON Schemas read by the same declaration.
import { FORMS, SHAPES } from './quartier-zeit-grammar.js';

// What an editor types: 14.09.2027 or 14.9.2027; 17:00, 17.00 or 9:30, "Uhr" allowed.
const TYPED_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const TYPED_TIME = /^(\d{1,2})[:.](\d{2})(?:\s*Uhr)?$/;

export const DATE_FORMAT = 'TT.MM.JJJJ';
export const TIME_FORMAT = 'HH:MM';

function pad(number) {
  return String(number).padStart(2, '0');
}

function realDate(year, month, day) {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

// A value of the file → { date: 'TT.MM.JJJJ' or '', time: 'HH:MM' or '' }, or { unreadable }.
// mode: 'date' (a day only), 'start' (a day, with or without a time), 'end' (also a time alone).
export function readStored(mode, value) {
  if (value === null || value === undefined || value === '') return { date: '', time: '' };
  const text = String(value);
  for (const shape of FORMS[mode]) {
    const match = text.match(SHAPES[shape]);
    if (!match) continue;
    if (shape === 'time') return { date: '', time: `${pad(match[1])}:${match[2]}` };
    const [, year, month, day, hours, minutes] = match;
    return { date: `${day}.${month}.${year}`, time: hours === undefined ? '' : `${pad(hours)}:${minutes}` };
  }
  return { unreadable: text.trim() };
}

// A value of the file → { date: 'JJJJ-MM-TT' or '', time: 'HH:MM' or '' }: for the preview's wording.
export function storedParts(value) {
  const parts = readStored('end', value);
  if (parts.unreadable || !parts.date) return { date: '', time: parts.time || '' };
  const [day, month, year] = parts.date.split('.');
  return { date: `${year}-${month}-${day}`, time: parts.time };
}

// What was typed → { value: what the file gets } or { error: German, naming what was typed }.
export function readTyped(mode, date, time) {
  const day = (date || '').trim();
  const clock = mode === 'date' ? '' : (time || '').trim();
  let iso = '';
  if (day) {
    const match = day.match(TYPED_DATE);
    if (!match) return { error: `„${day}“ ist kein Datum in der Form ${DATE_FORMAT}, z. B. 14.09.2027.` };
    const [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (!realDate(y, m, d)) return { error: `Das Datum „${day}“ gibt es nicht.` };
    iso = `${y}-${pad(m)}-${pad(d)}`;
  }
  let hhmm = '';
  if (clock) {
    const match = clock.match(TYPED_TIME);
    if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
      return { error: `„${clock}“ ist keine Uhrzeit in der Form ${TIME_FORMAT}, z. B. 17:00.` };
    }
    hhmm = `${pad(match[1])}:${match[2]}`;
  }
  if (!iso && !hhmm) return { value: '' };
  if (!iso && mode !== 'end') return { error: 'Bitte auch das Datum angeben.' };
  if (iso && hhmm) return { value: `${iso} ${hhmm}` };
  return { value: iso || hhmm };
}
