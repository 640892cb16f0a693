// Generated from src/quartier/content/moments.py (form_module): do not edit.
// The spellings the validator and the JSON Schemas accept in a file, one group per number;
// tests/test_form_dates.py fails when this file differs from what moments.py writes.

export const SHAPES = {
  date: new RegExp("^[ \\t]*(19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[ \\t]*$"),
  dateTime: new RegExp("^[ \\t]*(19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[ T]([01]?[0-9]|2[0-3]):([0-5][0-9])(?::00)?[ \\t]*$"),
  time: new RegExp("^[ \\t]*([01]?[0-9]|2[0-3]):([0-5][0-9])[ \\t]*$"),
};

export const FORMS = {
  date: ["date"],
  start: ["date", "dateTime"],
  end: ["date", "dateTime", "time"],
};
