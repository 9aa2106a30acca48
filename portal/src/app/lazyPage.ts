import { lazy, type ComponentType } from 'react';

/**
 * A page loaded on first visit of its route (its own chunk), so the first page of a session downloads only what it
 * shows. Pages are named exports; React.lazy wants a default one.
 */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
