import fc from 'fast-check';

/** Made-up request parts for the fuzz tests of every endpoint (fuzz-api.test.ts, staff-fuzz.test.ts). */

/** Any UTF-16 code unit: control characters, and halves of surrogate pairs on their own. */
export const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
export const nasty = fc.oneof(
  fc.string({ unit: anyUnit, maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', '\u001b[2J', '\r\n', '__proto__', 'constructor', 'null', '9'.repeat(400), 'x'.repeat(3000)),
);
export const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    nasty,
    fc.double(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(nasty, tie('value'), { maxKeys: 3 }),
  ),
})).value;

export const token43 = fc.string({ unit: fc.constantFrom(...'ABCxyz019_-'.split('')), minLength: 43, maxLength: 43 });
/** Text that is almost right: real words with a control character, a lone surrogate or a NUL put in. */
export const wordsWithSomethingIn = fc
  .tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), fc.oneof(anyUnit, fc.constantFrom('\u0000', '\uD83D', '\uDE00', '\u0085', '\u007f')), fc.nat())
  .map(([words, odd, at]) => words.slice(0, at % (words.length + 1)) + odd + words.slice(at % (words.length + 1)));

export const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  'application/json, text/plain',
  '',
);

/** A body as text or bytes: JSON of a broken request, random JSON, not JSON at all, or deeply nested. */
export function bodies(broken: fc.Arbitrary<unknown>): fc.Arbitrary<string | Buffer> {
  return fc.oneof(
    { weight: 12, arbitrary: broken.map((value) => JSON.stringify(value) ?? 'undefined') },
    { weight: 2, arbitrary: anyValue.map((value) => JSON.stringify(value) ?? '') },
    { weight: 1, arbitrary: broken.chain((value) => fc.nat().map((n) => { const text = JSON.stringify(value) ?? ''; return text.slice(0, n % (text.length + 1)); })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 60_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) },
    { weight: 1, arbitrary: fc.constantFrom('{"details":"\\ud800"}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '', 'null', '[]', '1e999999') },
  );
}

/** Percent-encodes any string, a lone surrogate as the bytes of one (which is not valid UTF-8). */
export function encodeAny(text: string): string {
  return [...text].map((char) => (/[\uD800-\uDFFF]/.test(char) ? '%ED%A0%80' : encodeURIComponent(char))).join('');
}

