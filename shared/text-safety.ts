// Text every store can keep: no NUL character (PostgreSQL text and jsonb refuse it) and no lone
// UTF-16 surrogate (not a character at all: it cannot be encoded as UTF-8). One rule for the
// server's edge, the shared schemas and the importers.

// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the string holds a NUL or a lone surrogate. */
export function hasUnsafeText(value: string): boolean {
  return UNSAFE_TEXT.test(value);
}

export const UNSAFE_TEXT_MESSAGE =
  'Текст содержит недопустимый символ (нулевой символ или повреждённый символ Юникода)';
