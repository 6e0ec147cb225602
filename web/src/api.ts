import { type ApiClient, createApiClient } from '@scx/api/client';

export const api: ApiClient = createApiClient(location.origin);

export interface ProblemField {
  path: string;
  message: string;
}

/** A problem+json answer from the API, kept whole so forms can show each field's message. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors: ProblemField[],
  ) {
    super(detail);
  }
  /** The message for one field, e.g. fieldError('query.budgetMin'). */
  fieldError(path: string): string | undefined {
    return this.errors.find((e) => e.path === path)?.message;
  }
}

/** Turns a non-2xx response into a ProblemError; returns the JSON of a 2xx one. */
export async function read<T>(
  res: { ok: boolean; status: number; json(): Promise<T> } & Pick<Response, 'headers'>,
) {
  if (res.ok) return res.json();
  let problem: { code?: string; detail?: string; errors?: ProblemField[] } = {};
  if ((res.headers.get('content-type') ?? '').includes('json'))
    problem = (await res.json()) as typeof problem;
  throw new ProblemError(
    res.status,
    problem.code ?? 'INTERNAL',
    problem.detail ?? `HTTP ${res.status}`,
    problem.errors ?? [],
  );
}
