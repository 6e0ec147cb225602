import { api, ProblemError, read } from './api.ts';
import { signal } from './signal.ts';

export interface Me {
  userId: string;
  email: string;
  name: string;
  csrfToken: string | null;
  platformRole: 'none' | 'organizer_admin';
  acting: { orgId: string; orgName: string; orgKind: string; orgStatus: string; role: string } | null;
}

/** The signed-in user (null: signed out; undefined: not known yet). */
export const me = signal<Me | null | undefined>(undefined);

export async function loadMe() {
  const res = await api.api.v1.auth.me.$get();
  me.set(res.status === 200 ? ((await res.json()) as Me) : null);
}

export async function login(email: string, password: string) {
  await read(await api.api.v1.auth.login.$post({ json: { email, password } }));
  await loadMe();
}

export async function logout() {
  await api.api.v1.auth.logout.$post(undefined, { headers: csrf() });
  me.set(null);
}

/** Unsafe methods of a cookie session echo the CSRF token the server gave at sign-in. */
export const csrf = (): Record<string, string> => {
  const token = me.get()?.csrfToken;
  return token ? { 'x-csrf-token': token } : {};
};

export { ProblemError };
