"""Pure text helpers every stage uses: German dates, slugs, plain text, and the body
profile (Markdown → sanitized HTML). They import nothing else of the engine."""
