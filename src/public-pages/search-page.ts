import { search, type SearchIndex, type SearchResult } from '../content/search-match.ts';
import { formatNumber } from '../format/index.ts';
import { fillIn, pageIds } from './page-ids.ts';
import { isPublicLanguage, publicPath, publicTermPath } from './urls.ts';

/**
 * Search on the family pages: the query is in the address (?q=), so a search can be shared and
 * Back works; this fetches the language's index (built with the pages) and lists what matches,
 * with the same ranking as the app's search. An empty search keeps the page and says what to do.
 */

const ids = pageIds.search;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Where a result leads on the family pages. */
export function resultHref(result: SearchResult, lng: string): string {
  const language = isPublicLanguage(lng) ? lng : 'en';
  return result.kind === 'topic' ? publicPath({ kind: 'topic', id: result.id as never }, language) : publicTermPath(result.id, language);
}

export function showResults(container: HTMLElement, form: HTMLFormElement, query: string, results: SearchResult[]): void {
  const words = form.dataset;
  const lng = words.lang ?? 'en';
  container.replaceChildren();
  const heading = element('h2', 'govuk-heading-m', (words.results ?? '').replace(fillIn.query, query).replace(fillIn.count, formatNumber(results.length, lng)));
  heading.id = 'results-heading';
  heading.tabIndex = -1;
  container.append(heading);
  if (!results.length) {
    container.append(element('p', 'govuk-body', words.noResults));
    const more = element('p', 'govuk-body');
    const link = element('a', 'govuk-link', words.allGuides);
    link.href = words.home ?? '/';
    more.append(link);
    container.append(more);
    return;
  }
  const list = element('ul', 'govuk-list app-search-results');
  for (const result of results) {
    const item = element('li', '');
    item.append(element('p', 'govuk-caption-m', result.kind === 'topic' ? words.topic : words.term));
    const link = element('a', 'govuk-link govuk-!-font-weight-bold', result.kind === 'topic' ? result.title : result.term);
    link.href = resultHref(result, lng);
    item.append(link, element('p', 'govuk-body', result.summary));
    list.append(item);
  }
  container.append(list);
}

export async function enhanceSearch(form: HTMLFormElement, location: Pick<Location, 'search'> = window.location): Promise<void> {
  const input = document.getElementById(ids.input);
  const error = document.getElementById(ids.error);
  const results = document.getElementById(ids.results);
  if (!(input instanceof HTMLInputElement) || !error || !results) return;
  const group = input.closest('.govuk-form-group');
  const query = new URLSearchParams(location.search).get('q')?.trim() ?? '';
  input.value = query;
  form.addEventListener('submit', (event) => {
    if (input.value.trim()) return;
    event.preventDefault();
    error.hidden = false;
    group?.classList.add('govuk-form-group--error');
    input.classList.add('govuk-input--error');
    input.setAttribute('aria-describedby', `${ids.hint} ${ids.error}`);
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  });
  if (!query) return;
  try {
    const response = await fetch(form.dataset.index ?? '');
    if (!response.ok) throw new Error(`search index: ${response.status}`);
    const index = (await response.json()) as SearchIndex;
    showResults(results, form, query, search(index, query));
  } catch (failure) {
    console.error(failure);
    results.replaceChildren(element('p', 'govuk-body', form.dataset.failed));
  }
}
