import { signal } from './signal.ts';

/** The path the app shows; links call navigate() so the page never reloads. */
export const path = signal(location.pathname);

export function navigate(to: string) {
  history.pushState(null, '', to);
  path.set(new URL(to, location.origin).pathname);
}

addEventListener('popstate', () => path.set(location.pathname));
