/**
 * Just enough SQL lexing to (a) tell reads from writes for the write gate and (b) know each statement's
 * parameter slots. libsql-js exposes neither sqlite3_stmt_readonly() nor parameter names, and binding an
 * object to a statement with a nameless `?` aborts the whole process, so we always bind positionally and
 * compute the positions ourselves, following SQLite's numbering rules.
 */

/**
 * - `read`: never takes the write lock (SELECT, VALUES, EXPLAIN, read-only PRAGMAs)
 * - `write`: anything that may write the database file
 * - `begin`: BEGIN [DEFERRED] / SAVEPOINT; takes no lock until the first write
 * - `begin-immediate`: BEGIN IMMEDIATE / EXCLUSIVE; takes the write lock at once
 * - `begin-readonly`: BEGIN TRANSACTION READONLY (sent by the client's transaction('read'))
 * - `rollback`: ROLLBACK [TRANSACTION] (not ROLLBACK TO)
 * - `end`: COMMIT / END / RELEASE / ROLLBACK TO
 */
export type StmtKind = 'read' | 'write' | 'begin' | 'begin-immediate' | 'begin-readonly' | 'rollback' | 'end';

export interface SqlInfo {
  /** Number of statements in the text (0 for whitespace and comments only). */
  count: number;
  /** Kind of every statement, in order. */
  kinds: StmtKind[];
  /** Parameter names of the first statement by 0-based slot: `:a`, `@a`, `$a`, `?3`, or null for `?`. */
  params: (string | null)[];
  isExplain: boolean;
  /** Changes connection state that outlives the stream (PRAGMA, ATTACH/DETACH, TEMP objects). */
  touchesSession: boolean;
}

export function needsWriteLock(kind: StmtKind): boolean {
  return kind === 'write' || kind === 'begin-immediate';
}

type Token = { t: 'word'; v: string } | { t: 'param'; v: string } | { t: 'semi' } | { t: 'other'; v: string };

function isIdChar(c: string): boolean {
  return /[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) >= 0x80;
}

function skipQuoted(sql: string, start: number, close: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === close) {
      // A doubled quote is an escaped quote (not for [...] identifiers).
      if (close !== ']' && sql[i + 1] === close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return i;
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (c === "'") {
      i = skipQuoted(sql, i, "'");
      tokens.push({ t: 'other', v: 'literal' });
    } else if (c === '"' || c === '`' || c === '[') {
      i = skipQuoted(sql, i, c === '[' ? ']' : c);
      tokens.push({ t: 'other', v: 'identifier' });
    } else if (c === '?') {
      let j = i + 1;
      while (j < sql.length && /[0-9]/.test(sql[j] as string)) j++;
      tokens.push({ t: 'param', v: sql.slice(i, j) });
      i = j;
    } else if ((c === ':' || c === '@' || c === '$') && next !== undefined && isIdChar(next)) {
      let j = i + 1;
      while (j < sql.length && isIdChar(sql[j] as string)) j++;
      tokens.push({ t: 'param', v: sql.slice(i, j) });
      i = j;
    } else if (/[0-9]/.test(c) || (c === '.' && next !== undefined && /[0-9]/.test(next))) {
      let j = i + 1;
      while (j < sql.length) {
        const d = sql[j] as string;
        if (/[0-9A-Za-z_.]/.test(d)) j++;
        else if ((d === '+' || d === '-') && /[eE]/.test(sql[j - 1] as string)) j++;
        else break;
      }
      tokens.push({ t: 'other', v: 'literal' });
      i = j;
    } else if (isIdChar(c)) {
      let j = i + 1;
      while (j < sql.length && isIdChar(sql[j] as string)) j++;
      tokens.push({ t: 'word', v: sql.slice(i, j).toUpperCase() });
      i = j;
    } else if (c === ';') {
      tokens.push({ t: 'semi' });
      i++;
    } else {
      tokens.push({ t: 'other', v: c });
      i++;
    }
  }
  return tokens;
}

/** Splits at top-level semicolons; the `;`s inside a CREATE TRIGGER ... BEGIN ... END body do not count. */
function splitStatements(tokens: Token[]): Token[][] {
  const statements: Token[][] = [];
  let current: Token[] = [];
  let sawTrigger = false;
  let inBody = false;
  let caseDepth = 0;
  for (const tok of tokens) {
    if (tok.t === 'semi' && !inBody) {
      if (current.length > 0) statements.push(current);
      current = [];
      sawTrigger = false;
      continue;
    }
    if (tok.t === 'word') {
      const first = current[0];
      if (tok.v === 'TRIGGER' && first?.t === 'word' && first.v === 'CREATE') sawTrigger = true;
      else if (tok.v === 'BEGIN' && sawTrigger && !inBody) inBody = true;
      else if (tok.v === 'CASE' && inBody) caseDepth++;
      else if (tok.v === 'END' && inBody) {
        if (caseDepth > 0) caseDepth--;
        else inBody = false;
      }
    }
    current.push(tok);
  }
  if (current.length > 0) statements.push(current);
  return statements;
}

// PRAGMAs that only change the connection or only read, even when given a value.
const LOCAL_PRAGMAS = new Set([
  'analysis_limit',
  'automatic_index',
  'busy_timeout',
  'cache_size',
  'cache_spill',
  'case_sensitive_like',
  'cell_size_check',
  'defer_foreign_keys',
  'foreign_key_check',
  'foreign_key_list',
  'foreign_keys',
  'function_list',
  'ignore_check_constraints',
  'index_info',
  'index_list',
  'index_xinfo',
  'integrity_check',
  'legacy_alter_table',
  'mmap_size',
  'query_only',
  'quick_check',
  'recursive_triggers',
  'reverse_unordered_selects',
  'synchronous',
  'table_info',
  'table_list',
  'table_xinfo',
  'temp_store',
  'trusted_schema',
]);
const WRITING_PRAGMAS = new Set(['incremental_vacuum', 'optimize', 'wal_checkpoint']);

function touchesSession(tokens: Token[]): boolean {
  const [first, second] = tokens;
  if (first?.t !== 'word') return false;
  if (first.v === 'PRAGMA' || first.v === 'ATTACH' || first.v === 'DETACH') return true;
  return first.v === 'CREATE' && second?.t === 'word' && (second.v === 'TEMP' || second.v === 'TEMPORARY');
}

function classifyPragma(tokens: Token[]): StmtKind {
  // PRAGMA [schema.]name [= value | (value)]
  let nameIndex = 1;
  if (tokens[2]?.t === 'other' && tokens[2].v === '.') nameIndex = 3;
  const nameTok = tokens[nameIndex];
  const name = nameTok?.t === 'word' ? nameTok.v.toLowerCase() : '';
  const hasValue = tokens.length > nameIndex + 1;
  if (WRITING_PRAGMAS.has(name)) return 'write';
  if (!hasValue || LOCAL_PRAGMAS.has(name)) return 'read';
  return 'write';
}

function classify(tokens: Token[]): StmtKind {
  const first = tokens[0];
  if (first?.t !== 'word') return 'write';
  const words = tokens.flatMap((tok) => (tok.t === 'word' ? [tok.v] : []));
  switch (first.v) {
    case 'SELECT':
    case 'VALUES':
    case 'EXPLAIN':
      return 'read';
    case 'WITH':
      // REPLACE is a statement only as REPLACE INTO; replace(x, y, z) is the string function.
      return words.some((w) => w === 'INSERT' || w === 'UPDATE' || w === 'DELETE') ||
        tokens.some((tok, i) => {
          const next = tokens[i + 1];
          return tok.t === 'word' && tok.v === 'REPLACE' && next?.t === 'word' && next.v === 'INTO';
        })
        ? 'write'
        : 'read';
    case 'PRAGMA':
      return classifyPragma(tokens);
    case 'BEGIN':
      if (words.includes('IMMEDIATE') || words.includes('EXCLUSIVE')) return 'begin-immediate';
      if (words.includes('READONLY')) return 'begin-readonly';
      return 'begin';
    case 'SAVEPOINT':
      return 'begin';
    case 'ROLLBACK':
      return words.includes('TO') ? 'end' : 'rollback';
    case 'COMMIT':
    case 'END':
    case 'RELEASE':
      return 'end';
    default:
      return 'write';
  }
}

/** SQLite's numbering: `?` takes the next slot, `?N` slot N, a name its first slot. */
function paramSlots(tokens: Token[]): (string | null)[] {
  const slots: (string | null)[] = [];
  const named = new Map<string, number>();
  for (const tok of tokens) {
    if (tok.t !== 'param') continue;
    if (tok.v === '?') {
      slots.push(null);
    } else if (tok.v.startsWith('?')) {
      const n = Number(tok.v.slice(1));
      while (slots.length < n) slots.push(null);
      slots[n - 1] = tok.v;
    } else if (!named.has(tok.v)) {
      slots.push(tok.v);
      named.set(tok.v, slots.length);
    }
  }
  return slots;
}

const cache = new Map<string, SqlInfo>();
const CACHE_LIMIT = 1000;

export function analyzeSql(sql: string): SqlInfo {
  const cached = cache.get(sql);
  if (cached !== undefined) return cached;
  const statements = splitStatements(tokenize(sql));
  const first = statements[0] ?? [];
  const head = first[0];
  const info: SqlInfo = {
    count: statements.length,
    kinds: statements.map(classify),
    params: paramSlots(first),
    isExplain: head?.t === 'word' && head.v === 'EXPLAIN',
    touchesSession: statements.some(touchesSession),
  };
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(sql, info);
  return info;
}
