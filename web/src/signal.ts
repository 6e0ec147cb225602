import { useEffect, useState } from 'preact/hooks';

/** A tiny observable value shared across components (locale, vocabularies). */
export function signal<T>(value: T) {
  const listeners = new Set<(v: T) => void>();
  return {
    get: () => value,
    set(next: T) {
      value = next;
      for (const l of listeners) l(next);
    },
    subscribe(fn: (v: T) => void) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

export function useSignal<T>(s: ReturnType<typeof signal<T>>): T {
  const [v, setV] = useState(s.get());
  useEffect(() => {
    const off = s.subscribe(setV);
    // The value may have changed between the first render and this subscription.
    setV(s.get());
    return () => {
      off();
    };
  }, [s]);
  return v;
}
