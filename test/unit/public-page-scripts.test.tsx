import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { Readable } from '../../src/app/read-aloud/ReadAloud.tsx';
import { buildScript } from '../../src/app/read-aloud/script.ts';
import { displaySettingsClasses, displaySettingsStorageKey, loadDisplaySettings, saveDisplaySettings } from '../../src/app/settings/display-settings.ts';
import { StaticPage } from '../../src/app/ui/static-page.ts';
import { Glossary } from '../../src/content/schema.ts';
import { pageSentences, spokenText } from '../../src/public-pages/listen.ts';
import { pageIds } from '../../src/public-pages/page-ids.ts';
import { resultHref, showResults } from '../../src/public-pages/search-page.ts';
import { defaults, enhanceSettings, readSettings, type Settings, settingsClasses, storageKey } from '../../src/public-pages/settings-page.ts';
import { projectPath } from '../project-path.ts';

/**
 * The family pages' scripts, on their own: display settings that agree with the app's and with
 * the boot script, sentences read aloud exactly as shown, and search results that lead to the
 * family pages in the page's language.
 */

const root = document.documentElement;
const bootScript = readFileSync(projectPath('public', 'display-settings-boot.js'), 'utf8');
const glossary = Glossary.parse(JSON.parse(readFileSync(projectPath('locales', 'en', 'glossary.json'), 'utf8')));

const every: Settings[] = [100, 150, 200].flatMap((textSize) =>
  [false, true].flatMap((highContrast) =>
    [false, true].flatMap((readableFont) => [false, true].map((reduceMotion) => ({ textSize, highContrast, readableFont, reduceMotion }) as Settings)),
  ),
);

describe('display settings on the family pages', () => {
  beforeEach(() => {
    localStorage.clear();
    root.className = '';
    root.lang = 'en';
    root.removeAttribute('data-lang-fixed');
    document.body.innerHTML = '';
  });

  it('use the app’s storage key, read what the app saves and save what the app reads, with the same classes', () => {
    expect(storageKey).toBe(displaySettingsStorageKey);
    for (const settings of every) {
      saveDisplaySettings(localStorage, settings);
      expect(readSettings(localStorage)).toEqual(settings);
      localStorage.setItem(storageKey, JSON.stringify(settings));
      expect(loadDisplaySettings(localStorage)).toEqual(settings);
      expect(settingsClasses(settings)).toEqual(displaySettingsClasses(settings));
    }
  });

  it('read damaged storage as the app does, field by field', () => {
    for (const raw of ['{not json', 'null', '42', '[1,2]', JSON.stringify({ textSize: 300, highContrast: true, readableFont: 'yes' })]) {
      localStorage.setItem(storageKey, raw);
      expect(readSettings(localStorage), raw).toEqual(loadDisplaySettings(localStorage));
    }
  });

  it('are applied by the boot script before the first paint, which leaves a family page in the language of its address', () => {
    saveDisplaySettings(localStorage, { ...defaults, textSize: 200, highContrast: true });
    localStorage.setItem('spc.language', 'en');
    root.lang = 'cy';
    root.setAttribute('data-lang-fixed', '');
    new Function(bootScript)();
    expect([...root.classList]).toEqual(expect.arrayContaining(['app-text-200', 'app-high-contrast']));
    expect(root.lang).toBe('cy');
    // The app's own page (no data-lang-fixed) still takes the saved language.
    root.removeAttribute('data-lang-fixed');
    new Function(bootScript)();
    expect(root.lang).toBe('en');
  });

  function settingsForm(): HTMLFormElement {
    document.body.innerHTML = `
      <form id="${pageIds.settings.form}" data-saved="Saved." data-not-saved="Not saved.">
        ${[100, 150, 200].map((v) => `<input type="radio" name="textSize" value="${v}"${v === 100 ? ' checked' : ''}>`).join('')}
        <input type="checkbox" name="highContrast"><input type="checkbox" name="readableFont"><input type="checkbox" name="reduceMotion">
        <p id="${pageIds.settings.status}" role="status"></p>
        <button type="button" id="${pageIds.settings.reset}">Reset</button>
      </form>`;
    return document.getElementById(pageIds.settings.form) as HTMLFormElement;
  }

  it('show what is saved, then save and apply each change at once, and put the usual settings back', () => {
    saveDisplaySettings(localStorage, { ...defaults, textSize: 150, reduceMotion: true });
    const form = settingsForm();
    enhanceSettings(form, root, localStorage);
    const size = (v: number) => form.querySelector<HTMLInputElement>(`input[value="${v}"]`)!;
    const box = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    expect(size(150).checked).toBe(true);
    expect(box('reduceMotion').checked).toBe(true);

    size(200).checked = true;
    box('highContrast').checked = true;
    form.dispatchEvent(new Event('change', { bubbles: true }));
    expect(loadDisplaySettings(localStorage)).toEqual({ textSize: 200, highContrast: true, readableFont: false, reduceMotion: true });
    expect([...root.classList].sort()).toEqual(['app-high-contrast', 'app-reduce-motion', 'app-text-200']);
    expect(document.getElementById(pageIds.settings.status)?.textContent).toBe('Saved.');

    document.getElementById(pageIds.settings.reset)!.click();
    expect(loadDisplaySettings(localStorage)).toEqual(defaults);
    expect([...root.classList]).toEqual([]);
    expect(size(100).checked).toBe(true);
  });

  it('still change the look when the browser will not save, and say so', () => {
    const form = settingsForm();
    const refusing = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } } as unknown as Storage;
    enhanceSettings(form, root, refusing);
    form.querySelector<HTMLInputElement>('input[value="150"]')!.checked = true;
    form.dispatchEvent(new Event('change', { bubbles: true }));
    expect(root.classList.contains('app-text-150')).toBe(true);
    expect(document.getElementById(pageIds.settings.status)?.textContent).toBe('Not saved.');
  });
});

describe('Listen on the family pages reads what the page shows', () => {
  it('takes each sentence from its spans, terms as shown and their hidden meanings left out, in the text’s language', () => {
    const text = 'Your [[pom]] will check it. Then a [[com]] takes over the case.';
    const script = buildScript([{ key: 'p', text, lng: 'en' }, { key: 'q', text: 'Dyma frawddeg.', lng: 'cy' }], glossary);
    document.body.innerHTML = renderToStaticMarkup(
      <StaticPage value={true}>
        <main>
          <p>
            <Readable script={script} at="p" text={text} lng="en" glossary={glossary} />
          </p>
          <p lang="cy">
            <Readable script={script} at="q" text="Dyma frawddeg." lng="cy" glossary={glossary} />
          </p>
        </main>
      </StaticPage>,
    );
    const main = document.querySelector('main')!;
    expect(main.textContent).toContain('Prison Offender Manager'); // the meaning is in the page…
    const { sentences, spans } = pageSentences(main, 'en');
    expect(sentences).toEqual([
      { text: 'Your POM will check it.', lng: 'en' }, // …but not read out
      { text: 'Then a COM takes over the case.', lng: 'en' },
      { text: 'Dyma frawddeg.', lng: 'cy' },
    ]);
    expect(sentences.map((s) => s.text)).toEqual(script.sentences.map((s) => s.text));
    expect(spans.map((group) => group.length)).toEqual([1, 1, 1]);
    expect(spokenText(spans[0]![0]!)).toBe('Your POM will check it.');
  });
});

describe('search results on the family pages', () => {
  const form = () => {
    document.body.innerHTML = `<form id="f" data-results="Results for “%query%”: %count%" data-no-results="Nothing." data-topic="Guide" data-term="Word" data-all-guides="All guides" data-home="/cy" data-lang="cy"></form><div id="r"></div>`;
    return { form: document.getElementById('f') as HTMLFormElement, results: document.getElementById('r')! };
  };

  it('lead to the family guide or the word in the page’s language', () => {
    expect(resultHref({ kind: 'topic', id: 'keeping-in-touch', title: '', summary: '', score: 1 }, 'cy')).toBe('/cy/explainers/keeping-in-touch');
    expect(resultHref({ kind: 'term', id: 'oasys', term: '', summary: '', score: 1 }, 'en')).toBe('/glossary#oasys');
  });

  it('are listed with what each is, its words set as text (never as markup), and the count', () => {
    const { form: f, results } = form();
    showResults(results, f, '<b>ymweld</b>', [
      { kind: 'topic', id: 'keeping-in-touch', title: 'Cysylltu, ymweld ac arian', summary: '<img src=x>', score: 2 },
      { kind: 'term', id: 'rotl', term: 'ROTL', summary: 'Gadael y carchar.', score: 1 },
    ]);
    expect(results.querySelector('h2')?.textContent).toBe('Results for “<b>ymweld</b>”: 2');
    expect(results.querySelector('img, b')).toBeNull();
    expect([...results.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['/cy/explainers/keeping-in-touch', '/cy/glossary#rotl']);
    expect([...results.querySelectorAll('.govuk-caption-m')].map((c) => c.textContent)).toEqual(['Guide', 'Word']);
  });

  it('say plainly when nothing matches, with a way on', () => {
    const { form: f, results } = form();
    showResults(results, f, 'zzz', []);
    expect(results.textContent).toContain('Nothing.');
    expect(results.querySelector('a')?.getAttribute('href')).toBe('/cy');
  });
});
