import { useState } from 'preact/hooks';
import { api, ProblemError, read } from './api.ts';
import { locale, t } from './i18n.ts';
import { csrf, me } from './session.ts';
import { useSignal } from './signal.ts';

type Kind = 'scenarios' | 'firms';

interface Issue {
  column: string;
  message: string;
  messageEn: string;
}
interface Preview {
  total: number;
  valid: number;
  invalid: number;
  columns: { header: string; field: string | null; note?: string }[];
  missing: { field: string; label: string; labelEn: string }[];
  rows: { line: number; errors: Issue[]; warnings: Issue[] }[];
  duplicates: { key: string; lines: number[]; message: string; messageEn: string }[];
  file: { name: string; sha256: string };
}

const say = (i: { message: string; messageEn: string }) => (locale.get() === 'en' ? i.messageEn : i.message);

/**
 * Excel / CSV import (organizers; agencies for their own scenarios): preview every row with the
 * problem named on its column, then commit all or nothing with a progress bar (NDJSON from the API).
 */
export function ImportPage() {
  useSignal(locale);
  const who = useSignal(me);
  const organizer = who?.platformRole === 'organizer_admin' || who?.acting?.orgKind === 'organizer';
  const [kind, setKind] = useState<Kind>('scenarios');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<string>('');
  const [error, setError] = useState<Error | null>(null);

  const doPreview = async () => {
    if (!file) return;
    setError(null);
    setResult('');
    setPreview(null);
    try {
      const res = await api.api.v1.imports[':kind{scenarios|firms}'].preview.$post(
        { param: { kind }, form: { file } },
        { headers: csrf() },
      );
      setPreview((await read(res)) as unknown as Preview);
    } catch (e) {
      setError(e as Error);
    }
  };

  const doCommit = async () => {
    if (!file || !preview) return;
    setError(null);
    setProgress({ done: 0, total: preview.valid });
    const res = await api.api.v1.imports[':kind{scenarios|firms}'].commit.$post(
      { param: { kind }, form: { file, sha256: preview.file.sha256 } },
      { headers: { ...csrf(), accept: 'application/x-ndjson' } },
    );
    if (!res.ok || !res.body) {
      setProgress(null);
      try {
        await read(res);
      } catch (e) {
        setError(e as Error);
      }
      return;
    }
    // One JSON line per progress step, then the result.
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        const msg = JSON.parse(line) as
          | { type: 'progress'; done: number; total: number }
          | { type: 'result'; status: number; body: { created?: number; detail?: string } };
        if (msg.type === 'progress') setProgress({ done: msg.done, total: msg.total });
        else if (msg.status < 300) {
          setProgress((p) => (p ? { done: p.total, total: p.total } : p));
          setResult(t('imported', { n: msg.body.created ?? 0 }));
        } else setError(new ProblemError(msg.status, 'IMPORT', msg.body.detail ?? `HTTP ${msg.status}`, []));
      }
    }
  };

  if (!who?.acting) return <p>{t('signInFirst')}</p>;
  const rowsWithIssues = preview?.rows.filter((r) => r.errors.length > 0 || r.warnings.length > 0) ?? [];
  const canCommit = preview !== null && preview.invalid === 0 && preview.missing.length === 0 && !result;
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t('importTitle')}</h1>
      <div class="actions">
        {organizer && (
          <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            <option value="scenarios">{t('importScenarios')}</option>
            <option value="firms">{t('importFirms')}</option>
          </select>
        )}
        <input
          type="file"
          name="file"
          accept=".xlsx,.csv"
          aria-label={t('chooseFile')}
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            setPreview(null);
            setResult('');
          }}
        />
        <button type="button" disabled={!file} onClick={doPreview}>
          {t('preview')}
        </button>
        <button type="button" disabled={!canCommit} onClick={doCommit}>
          {t('commitImport')}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error.message}
        </p>
      )}
      {progress && (
        <progress data-testid="import-progress" max={Math.max(1, progress.total)} value={progress.done} />
      )}
      {result && <p role="status">{result}</p>}
      {preview && (
        <div data-testid="import-preview">
          <p role="status">
            {t('previewSummary', { total: preview.total, valid: preview.valid, invalid: preview.invalid })}
          </p>
          {preview.missing.length > 0 && (
            <p class="error">
              {t('missingColumns')}：
              {preview.missing.map((m) => (locale.get() === 'en' ? m.labelEn : m.label)).join('、')}
            </p>
          )}
          {rowsWithIssues.length > 0 && (
            <table class="agenda">
              <thead>
                <tr>
                  <th scope="col">{t('row')}</th>
                  <th scope="col">{t('column')}</th>
                  <th scope="col">{t('problem')}</th>
                </tr>
              </thead>
              <tbody>
                {rowsWithIssues.flatMap((r) =>
                  [
                    ...r.errors.map((i) => ({ i, error: true })),
                    ...r.warnings.map((i) => ({ i, error: false })),
                  ].map(({ i, error }, k) => (
                    <tr key={`${r.line}-${k}`} data-testid={error ? 'row-error' : 'row-warning'}>
                      <td>{r.line}</td>
                      <td>{i.column}</td>
                      <td class={error ? 'error' : ''}>{say(i)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          )}
          {preview.duplicates.map((d) => (
            <p class="error" key={d.key}>
              {say(d)}（{d.lines.join(', ')}）
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
