/** A keyset position: the last row's (sort key, id). */
export type Cursor = [value: string | number, id: string];

/**
 * Every list's page cursor: the last row's (sort key, id) as base64url of UTF-8 JSON, so it carries
 * any text (firm and product names are Chinese).
 */
export function encodeCursor(c: Cursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify(c));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
}

/** The cursor this API issued, or null for anything else. */
export function decodeCursor(s: string): Cursor | null {
  try {
    const bin = atob(s.replaceAll('-', '+').replaceAll('_', '/'));
    const v: unknown = JSON.parse(
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
        Uint8Array.from(bin, (ch) => ch.charCodeAt(0)),
      ),
    );
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      ['string', 'number'].includes(typeof v[0]) &&
      typeof v[1] === 'string'
    ) {
      return [v[0], v[1]];
    }
  } catch {
    // not a cursor this API issued
  }
  return null;
}
