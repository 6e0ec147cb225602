/**
 * A small, forgiving XML tokenizer for the parts of an .xlsx package we read (workbook, rels,
 * shared strings, one worksheet). workerd has no DOMParser, and these documents are machine-written,
 * flat and large, so a linear scan over tags beats building a tree.
 */

export interface XmlTag {
  /** Local name without a namespace prefix: `x:c` → `c`. */
  name: string;
  /** Attributes by local name (prefixes dropped, except `r:id`-style ones are also kept by full name). */
  attrs: Record<string, string>;
  /** `</c>` */
  closing: boolean;
  /** `<c/>` */
  selfClosing: boolean;
}

export type XmlToken = { type: 'tag'; tag: XmlTag } | { type: 'text'; text: string };

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five named entities and numeric references (`&#20013;`, `&#x4E2D;`). */
export function decodeXmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[body] ?? m;
  });
}

/** Excel escapes control characters in strings as `_x000D_`; `_x005F_` escapes a literal underscore. */
export function decodeOoxmlEscapes(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const localName = (n: string): string => {
  const i = n.indexOf(':');
  return i < 0 ? n : n.slice(i + 1);
};

const TAG = /<(?:[^>"']|"[^"]*"|'[^']*')*>/y;
const ATTR = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

function parseTag(body: string): XmlTag | null {
  let closing = false;
  let s = body;
  if (s.startsWith('/')) {
    closing = true;
    s = s.slice(1);
  }
  let selfClosing = false;
  if (s.endsWith('/')) {
    selfClosing = true;
    s = s.slice(0, -1);
  }
  const m = /^\s*([^\s/>]+)/.exec(s);
  if (!m?.[1]) return null;
  const attrs: Record<string, string> = {};
  const rest = s.slice(m[0].length);
  if (rest.includes('=')) {
    ATTR.lastIndex = 0;
    for (let a = ATTR.exec(rest); a; a = ATTR.exec(rest)) {
      const full = a[1] as string;
      const value = decodeXmlEntities(a[3] ?? a[4] ?? '');
      attrs[full] = value;
      const local = localName(full);
      if (!(local in attrs)) attrs[local] = value;
    }
  }
  return { name: localName(m[1]), attrs, closing, selfClosing };
}

/**
 * Yields tags and (entity-decoded) text between them. Comments, processing instructions, DOCTYPE
 * are skipped; CDATA becomes text. Unterminated constructs end the scan instead of throwing.
 */
export function* tokenizeXml(xml: string): Generator<XmlToken> {
  const n = xml.length;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      if (i < n) yield { type: 'text', text: decodeXmlEntities(xml.slice(i)) };
      return;
    }
    if (lt > i) yield { type: 'text', text: decodeXmlEntities(xml.slice(i, lt)) };
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) return;
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) return;
      yield { type: 'text', text: xml.slice(lt + 9, end) };
      i = end + 3;
      continue;
    }
    if (xml[lt + 1] === '?' || xml[lt + 1] === '!') {
      const end = xml.indexOf('>', lt + 2);
      if (end < 0) return;
      i = end + 1;
      continue;
    }
    // A '>' inside a quoted attribute value is legal XML: match quoted values as units.
    TAG.lastIndex = lt;
    const m = TAG.exec(xml);
    if (!m) return;
    const j = lt + m[0].length - 1;
    const tag = parseTag(xml.slice(lt + 1, j));
    if (tag) yield { type: 'tag', tag };
    i = j + 1;
  }
}
