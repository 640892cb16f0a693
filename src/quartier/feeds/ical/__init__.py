"""iCalendar: the encoder, VTIMEZONE, each event's properties, and the feeds."""
