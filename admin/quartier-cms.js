// Quartier's additions to Decap CMS, served from the site like Decap itself:
// - the interface in German (quartier-cms-de.js laid over Decap's own German);
// - the widget "quartier-zeit": date and time typed and shown as TT.MM.JJJJ and HH:MM in
//   every browser, saved as the content contract writes them (YYYY-MM-DD,
//   "YYYY-MM-DD HH:MM", or "HH:MM" for an end on the same day), never UTC (quartier-zeit.js);
// - the widget "quartier-auswahl": a native select of the German words of a choice;
// - the format "quartier-frontmatter": a form save rewrites only the fields that changed,
//   so comments, order and quoting of everything else stay as the editor wrote them;
// - the format "quartier-yaml-liste" for content/cities.yml, a list at its top level;
// - a preview of events that looks roughly like the event page.
import * as YAML from './yaml/index.js';
import { FIXED_TEXTS, GERMAN, LIVE_TEXTS } from './quartier-cms-de.js';
import { CITY_FIELDS, FORMAT_WORDS, NAME_OR_FIELDS, STATUS_NOTICES } from './quartier-felder.js';
import { DATE_FORMAT, TIME_FORMAT, readStored, readTyped, storedParts } from './quartier-zeit.js';

const CMS = window.CMS;
const h = window.h;
const createClass = window.createClass;

// ---------------------------------------------------------------- German

function merged(base, over) {
  const result = { ...(base || {}) };
  for (const [key, value] of Object.entries(over)) {
    result[key] = value && typeof value === 'object' ? merged(result[key], value) : value;
  }
  return result;
}

CMS.registerLocale('de', merged(CMS.getLocale('de'), GERMAN));

// The few texts Decap's widgets write themselves, replaced where they appear whole, and
// what the relation fields announce to screen readers (their live region's spans).
const LIVE_REGION = new Set(['aria-selection', 'aria-focused', 'aria-results', 'aria-guidance']);

function germanText(node) {
  const text = node.nodeValue.trim();
  if (Object.hasOwn(FIXED_TEXTS, text)) {
    node.nodeValue = FIXED_TEXTS[text];
    return;
  }
  if (!node.parentElement || !LIVE_REGION.has(node.parentElement.id)) return;
  for (const [pattern, german] of LIVE_TEXTS) {
    const match = text.match(pattern);
    if (match) {
      node.nodeValue = german(match);
      return;
    }
  }
}

function germanTexts(root) {
  if (!root) return;
  if (root.nodeType === Node.TEXT_NODE) {
    germanText(root);
    return;
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) germanText(node);
}

new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.type === 'characterData') germanTexts(change.target);
    for (const node of change.addedNodes) germanTexts(node);
  }
}).observe(document.body, { childList: true, subtree: true, characterData: true });

// ---------------------------------------------------------------- date and time

const ZEIT_HINTS = {
  start: 'Uhrzeit leer lassen für eine ganztägige Veranstaltung.',
  end: 'Nur die Uhrzeit: Ende am selben Tag. Nur das Datum: letzter Tag einer ganztägigen Veranstaltung.',
};

// Text fields of our own: a native date input shows the browser's format (mm/dd/yyyy in an
// English browser), whatever the page's language. These read TT.MM.JJJJ and HH:MM for everyone.
const ZeitControl = createClass({
  getInitialState() {
    return readStored(this.mode(), this.props.value);
  },
  componentDidUpdate(previous) {
    if (previous.value !== this.props.value && this.props.value !== this.written) {
      this.setState(readStored(this.mode(), this.props.value));
    }
  },
  mode() {
    return this.props.field.get('zeit') || 'start';
  },
  change(part, text) {
    const next = { ...this.state, [part]: text, unreadable: undefined };
    this.setState(next);
    const read = readTyped(this.mode(), next.date, next.time);
    // Until it reads as a date, the entry holds what was typed: it is not saved (isValid says
    // why), and nothing the editor typed is dropped.
    this.written = read.error ? `${next.date} ${next.time || ''}`.trim() : read.value;
    this.props.onChange(this.written);
  },
  isValid() {
    if (this.state.unreadable) {
      return { error: { message: `„${this.state.unreadable}“ ist kein Datum in der Form, die die Datei braucht: bitte neu eingeben.` } };
    }
    const read = readTyped(this.mode(), this.state.date, this.state.time);
    return read.error ? { error: { message: read.error } } : true;
  },
  render() {
    const { forID, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
    const mode = this.mode();
    const inputStyle = { font: 'inherit', padding: '4px 6px', marginRight: '12px', width: '8.5em' };
    const labelStyle = { marginRight: '6px' };
    const children = [
      h('label', { key: 'dl', htmlFor: forID, style: labelStyle }, `Datum (${DATE_FORMAT})`),
      h('input', {
        key: 'd', id: forID, type: 'text', inputMode: 'numeric', autoComplete: 'off', placeholder: DATE_FORMAT,
        value: this.state.date || '', style: inputStyle, 'data-zeit': 'datum',
        onChange: (event) => this.change('date', event.target.value), onFocus: setActiveStyle, onBlur: setInactiveStyle,
      }),
    ];
    if (mode !== 'date') {
      children.push(
        h('label', { key: 'tl', htmlFor: `${forID}-uhrzeit`, style: labelStyle }, `Uhrzeit (${TIME_FORMAT})`),
        h('input', {
          key: 't', id: `${forID}-uhrzeit`, type: 'text', inputMode: 'numeric', autoComplete: 'off', placeholder: TIME_FORMAT,
          value: this.state.time || '', style: { ...inputStyle, width: '5.5em' }, 'data-zeit': 'uhrzeit',
          onChange: (event) => this.change('time', event.target.value), onFocus: setActiveStyle, onBlur: setInactiveStyle,
        }),
        h('span', { key: 'hint', style: { fontSize: '0.85em', opacity: 0.8, display: 'block' } }, ZEIT_HINTS[mode] || ''),
      );
    }
    if (this.state.unreadable) {
      children.push(h('p', { key: 'u' }, `Bisher steht hier „${this.state.unreadable}“.`));
    }
    return h('div', { className: classNameWrapper }, ...children);
  },
});

function ZeitPreview(props) {
  const parts = readStored(props.field ? props.field.get('zeit') || 'start' : 'start', props.value);
  return h('span', {}, parts.unreadable || [parts.date, parts.time].filter(Boolean).join(', '));
}

CMS.registerWidget('quartier-zeit', ZeitControl, ZeitPreview, {
  properties: { zeit: { type: 'string', enum: ['date', 'start', 'end'] } },
});

// ---------------------------------------------------------------- choices

// The options of a choice, as the generated configuration lists them: the German word
// (what the form saves) and, where it differs, the code a file may still hold.
function choiceOptions(field) {
  const options = field && field.get('options');
  return options ? options.toJS() : [];
}

// The word of a value as written: "cancelled" reads as "abgesagt".
function wordOf(options, value) {
  if (value === null || value === undefined || value === '') return '';
  const found = options.find((option) => option.value === value || option.code === value);
  return found ? found.value : String(value);
}

const AuswahlControl = createClass({
  render() {
    const { field, value, forID, classNameWrapper, setActiveStyle, setInactiveStyle, onChange } = this.props;
    const options = choiceOptions(field);
    const shown = wordOf(options, value);
    const children = [h('option', { key: '', value: '' }, field.get('default_label') || '–')];
    for (const option of options) children.push(h('option', { key: option.value, value: option.value }, option.label));
    if (shown && !options.some((option) => option.value === shown)) {
      // A value the contract does not know stays visible (the check reports it) until changed.
      children.push(h('option', { key: 'x', value: shown }, `„${shown}“ (unbekannt)`));
    }
    return h('select', {
      id: forID, className: classNameWrapper, value: shown, style: { font: 'inherit' },
      onChange: (event) => onChange(event.target.value),
      onFocus: setActiveStyle, onBlur: setInactiveStyle,
    }, ...children);
  },
});

function AuswahlPreview(props) {
  const options = choiceOptions(props.field);
  const word = wordOf(options, props.value);
  const option = options.find((item) => item.value === word);
  return h('span', {}, option ? option.label : word);
}

CMS.registerWidget('quartier-auswahl', AuswahlControl, AuswahlPreview, {
  properties: { options: { type: 'array' }, default_label: { type: 'string' } },
  required: ['options'],
});

// ---------------------------------------------------------------- front matter

// The file as it was read, kept with the entry: toFile() edits that document instead of
// writing a new one. Decap keeps keys that are no field of the form.
const SOURCE = '_quartier_datei';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)(?:^|\r?\n)---[ \t]*(?:\r?\n|$)/;

function splitFile(text) {
  const match = text.match(FRONT_MATTER);
  if (!match) return { front: '', body: text };
  return { front: match[1], body: text.slice(match[0].length) };
}

function parse(text, name) {
  // YAML 1.2 core schema: dates and times stay the strings they are in the file.
  const doc = YAML.parseDocument(text, { schema: 'core', prettyErrors: true, keepSourceTokens: false });
  if (doc.errors.length > 0) {
    throw new Error(`${name}: YAML kann nicht gelesen werden:\n${doc.errors.map((e) => e.message).join('\n')}`);
  }
  return doc;
}

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// Empty form fields are left out: the contract's defaults apply, and `online_url: ""` would be an error.
function clean(value) {
  if (Array.isArray(value)) {
    const items = value.map(clean).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (isPlainObject(value)) {
    const result = {};
    for (const [key, item] of Object.entries(value)) {
      const cleaned = clean(item);
      if (cleaned !== undefined) result[key] = cleaned;
    }
    return Object.keys(result).length ? result : undefined;
  }
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// PyYAML reads YAML 1.1: unquoted 10:00 is the number 600, 2027-05-06 a date, no a boolean.
// A string that YAML 1.1 would read as something else is written in quotes.
function quoteWhereNeeded(node) {
  YAML.visit(node, {
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string') {
        const read = YAML.parse(scalar.value, { version: '1.1' });
        if (read !== scalar.value) scalar.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return node;
}

function newNode(doc, value, like) {
  const node = quoteWhereNeeded(doc.createNode(value));
  // A list written inline ([a, b]) stays inline.
  if (like && YAML.isSeq(like) && YAML.isSeq(node) && like.flow) node.flow = true;
  return node;
}

function keyOf(pair) {
  return YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function updateMap(doc, map, value, order) {
  for (const pair of [...map.items]) {
    if (!(keyOf(pair) in value)) map.delete(pair.key);
  }
  for (const [key, wanted] of Object.entries(value)) {
    const pair = map.items.find((item) => keyOf(item) === key);
    if (pair) {
      const node = pair.value;
      const old = YAML.isNode(node) ? node.toJS(doc) : node;
      if (same(old, wanted)) continue;
      // organizer: "Name" is the same as organizer: {name: Name}.
      if (typeof old === 'string' && isPlainObject(wanted) && Object.keys(wanted).length === 1 && wanted.name === old) continue;
      if (YAML.isMap(node) && isPlainObject(wanted)) {
        updateMap(doc, node, wanted, []);
        continue;
      }
      if (YAML.isScalar(node) && (wanted === null || typeof wanted !== 'object')) {
        // The same node with a new value: its quotes and comments stay as they were.
        node.value = wanted;
        if (node.type === 'PLAIN' || node.type === undefined) quoteWhereNeeded(node);
        continue;
      }
      const replacement = newNode(doc, wanted, node);
      if (YAML.isNode(node)) {
        replacement.comment = node.comment;
        replacement.commentBefore = node.commentBefore;
      }
      pair.value = replacement;
    } else {
      // A new field goes where the contract's order puts it among the fields already there.
      const created = doc.createPair(key, newNode(doc, wanted));
      const rank = order.indexOf(key);
      let at = map.items.length;
      if (rank >= 0) {
        const later = map.items.findIndex((item) => {
          const other = order.indexOf(keyOf(item));
          return other > rank;
        });
        if (later >= 0) at = later;
      }
      map.items.splice(at, 0, created);
    }
  }
}

function updateList(doc, seq, wanted, order) {
  while (seq.items.length > wanted.length) seq.items.pop();
  wanted.forEach((item, index) => {
    const node = seq.items[index];
    if (node !== undefined && YAML.isMap(node) && isPlainObject(item)) {
      updateMap(doc, node, item, order);
    } else if (node === undefined) {
      seq.items.push(newNode(doc, item));
    } else if (!same(YAML.isNode(node) ? node.toJS(doc) : node, item)) {
      seq.items[index] = newNode(doc, item);
    }
  });
}

const WRITE = { lineWidth: 0, flowCollectionPadding: false, indentSeq: true };

function fieldOrder(sortedKeys) {
  return Array.isArray(sortedKeys) ? sortedKeys.map(String) : [];
}

const frontMatter = {
  fromFile(text) {
    const { front, body } = splitFile(text);
    const data = front.trim() ? parse(front, 'Kopfteil').toJS() : {};
    if (!isPlainObject(data)) throw new Error('Der Kopfteil der Datei ist keine Liste von Feldern (name: wert).');
    // A field of the contract's kind "organizer" may be a plain name; the form's group needs
    // its fields (a text there made its link and e-mail fields fail their checks). toFile
    // writes the plain name back unless more was filled in.
    for (const key of NAME_OR_FIELDS) {
      if (typeof data[key] === 'string') data[key] = { name: data[key] };
    }
    data.body = body;
    data[SOURCE] = text;
    return data;
  },
  toFile(data, sortedKeys) {
    const values = { ...data };
    const source = typeof values[SOURCE] === 'string' ? values[SOURCE] : null;
    delete values[SOURCE];
    let body = typeof values.body === 'string' ? values.body : '';
    delete values.body;
    const old = source === null ? null : splitFile(source);
    const doc = old && old.front.trim() ? parse(old.front, 'Kopfteil') : new YAML.Document({});
    if (!YAML.isMap(doc.contents)) doc.contents = doc.createNode({});
    updateMap(doc, doc.contents, clean(values) || {}, fieldOrder(sortedKeys));
    if (old === null || body !== old.body) {
      body = body.trim() ? `${body.replace(/\s+$/, '')}\n` : '';
    }
    return `---\n${doc.toString(WRITE)}---\n${body}`;
  },
};

const yamlList = {
  fromFile(text) {
    const list = text.trim() ? parse(text, 'Liste').toJS() : [];
    if (!Array.isArray(list)) throw new Error('Die Datei ist keine Liste (Einträge mit „- “).');
    return { cities: list, [SOURCE]: text };
  },
  toFile(data) {
    const source = typeof data[SOURCE] === 'string' ? data[SOURCE] : '';
    const doc = source.trim() ? parse(source, 'Liste') : new YAML.Document([]);
    if (!YAML.isSeq(doc.contents)) doc.contents = doc.createNode([]);
    const wanted = (data.cities || []).map((item) => clean(item)).filter((item) => item !== undefined);
    updateList(doc, doc.contents, wanted, CITY_FIELDS);
    return doc.toString(WRITE);
  },
};

CMS.registerCustomFormat('quartier-frontmatter', 'md', frontMatter);
CMS.registerCustomFormat('quartier-yaml-liste', 'yml', yamlList);

// ---------------------------------------------------------------- preview

// FORMAT_WORDS and STATUS_NOTICES are the event page's words, by the model's code: the
// site's stylesheet names its classes after it too (q-notice--cancelled).

// The notice under the title, as the event's page writes it.
function statusNotice(status) {
  const notice = STATUS_NOTICES[status];
  if (!notice) return null;
  return h('p', { className: `q-notice q-notice--${status}`, role: 'note' }, h('strong', {}, `${notice.badge}:`), ` ${notice.text}`);
}

// The code of a value as written, a German word or an English code.
function codeOf(fields, name, value) {
  const field = fields && fields.find((item) => item.get('name') === name);
  const options = choiceOptions(field);
  const word = wordOf(options, value);
  const option = options.find((item) => item.value === word);
  return option ? option.code || option.value : word;
}

function germanDate(date) {
  const [year, month, day] = date.split('-').map(Number);
  // As a calendar date (UTC noon), not an instant: no time zone can move the day.
  return new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(year, month - 1, day, 12)));
}

function when(start, end) {
  const from = storedParts(start);
  if (!from.date) return 'Beginn fehlt';
  const to = storedParts(end);
  let text = germanDate(from.date);
  if (from.time) text += `, ${from.time}`;
  if (to.date && to.date !== from.date) {
    text += ` bis ${germanDate(to.date)}${to.time ? `, ${to.time}` : ''}`;
  } else if (to.time) {
    text += `–${to.time}`;
  }
  return from.time ? `${text} Uhr` : text;
}

const EventPreview = createClass({
  render() {
    const entry = this.props.entry;
    const get = (key) => entry.getIn(['data', key]);
    const venue = get('venue');
    const fields = this.props.fields;
    const status = codeOf(fields, 'status', get('status')) || 'scheduled';
    const format = codeOf(fields, 'format', get('format')) || 'in-person';
    const facts = [h('dt', { key: 'wt' }, 'Wann'), h('dd', { key: 'wd' }, when(get('start'), get('end')), get('repeat') ? ' (Terminreihe)' : '')];
    if (venue && venue.get('name')) {
      const address = venue.get('address') ? `, ${venue.get('address')}` : '';
      facts.push(
        h('dt', { key: 'ot' }, 'Wo'),
        h('dd', { key: 'od', className: 'q-venue' }, h('span', { className: 'q-venue__name' }, venue.get('name')), address, ' ', venue.get('city') || ''),
      );
    }
    facts.push(h('dt', { key: 'ft' }, 'Format'), h('dd', { key: 'fd' }, h('span', { className: 'q-badge q-badge--format' }, FORMAT_WORDS[format] || format)));
    return h('div', { className: 'md-typeset' },
      h('article', { className: 'q-event', 'data-status': status },
        h('h1', {}, get('title') || ''),
        statusNotice(status),
        h('dl', { className: 'q-facts' }, ...facts),
        this.props.widgetFor('body')));
  },
});

CMS.registerPreviewStyle(new URL('../stylesheets/quartier.css', window.location.href).href);
CMS.registerPreviewStyle(
  'body { font-family: system-ui, sans-serif; line-height: 1.6; margin: 1.5rem; color: #222; }'
  + ' .q-facts dt { font-weight: 700; } .q-facts dd { margin: 0 0 .5rem 0; }',
  { raw: true },
);
CMS.registerPreviewTemplate('veranstaltungen', EventPreview);

CMS.init();
