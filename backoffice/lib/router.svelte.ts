import { SvelteURLSearchParams } from 'svelte/reactivity';
import { backofficeBase } from '../../src/contract/index.js';

/** Where the back office is: the path after `/oficina/` and the query, kept in the address bar. */
class Route {
  path = $state('');
  query = $state<URLSearchParams>(new SvelteURLSearchParams());

  constructor() {
    this.#read();
    window.addEventListener('popstate', () => this.#read());
  }

  #read(): void {
    const { pathname, search } = window.location;
    this.path = pathname.startsWith(`${backofficeBase}/`)
      ? pathname.slice(backofficeBase.length + 1).replace(/\/$/, '')
      : '';
    this.query = new SvelteURLSearchParams(search);
  }

  go(href: string, { replace = false } = {}): void {
    if (replace) window.history.replaceState(null, '', href);
    else window.history.pushState(null, '', href);
    this.#read();
  }
}

export const route = new Route();

/** The address of a screen, with its query (empty values left out). */
export function href(path: string, query: Record<string, string | number | undefined> = {}) {
  const search = new SvelteURLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return `${backofficeBase}/${path}${text ? `?${text}` : ''}`;
}
