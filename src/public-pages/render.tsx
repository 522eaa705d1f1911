import { createHash } from 'node:crypto';
import i18next, { type i18n } from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { loadedResources, loadLanguage } from '../app/i18n/i18n.ts';
import { appRoutes, termPath, topicPath } from '../app/routes.ts';
import { StaticPage } from '../app/ui/static-page.ts';
import { purposesUsed } from '../content/family-schema.ts';
import { type FamilyTopicId, familyTopicIds } from '../content/family-topic-ids.ts';
import { loadFamilyGlossary, loadFamilyTopic } from '../content/load.ts';
import { toPlainText } from '../content/markup.ts';
import { fileLoader } from '../content/node-source.ts';
import { buildSearchIndex } from '../content/search.ts';
import { checkHelpContacts } from '../domain/help-contacts.ts';
import { installPluralRules, todayInLondon } from '../format/index.ts';
import { renderDocument } from './document.ts';
import { FamilyGlossaryPage } from './FamilyGlossaryPage.tsx';
import { FamilyHome } from './FamilyHome.tsx';
import { FamilyTopicPage } from './FamilyTopicPage.tsx';
import { HelpContacts } from './HelpContacts.tsx';
import { PublicLayout } from './PublicLayout.tsx';
import { PublicSearchPage } from './PublicSearchPage.tsx';
import { PublicSettingsPage } from './PublicSettingsPage.tsx';
import { type PublicLanguage, publicFile, publicLanguages, publicPages, type PublicPagesManifest, publicPath, routerBasename } from './urls.ts';

/**
 * Prerenders the family pages (device mode `public`) at build time: every family guide, the
 * words A to Z, search, display settings and the home page, in every language, with the app's own
 * components (Page, Readable, RichText, Radios…) rendered by react-dom/server from content read
 * off disk, and the deployment's help contacts on every page. The result is plain HTML that reads
 * in full with JavaScript off; see src/build/public-pages.ts.
 */

// Every language's words and date data, fetched while this module loads: the build loads it
// through Vite's module runner, which closes once the import is done (a later import() would fail).
installPluralRules(publicLanguages);
for (const lng of publicLanguages) {
  if (!(await loadLanguage(lng))) throw new Error(`public pages: could not load the language "${lng}"`);
}
const resources = loadedResources();
/** The family pages' own words (locales/<lng>/public.json), never part of the app. */
const publicWords = import.meta.glob<Record<string, unknown>>('../../locales/*/public.json', { eager: true, import: 'default' });

export type RenderedPage = { path: string; file: string; lang: PublicLanguage; html: string };
export type PublicAssets = {
  /** Stylesheets: the app's, then the family pages' own. */
  styles: readonly string[];
  /** The pages' one module script (src/public-pages/enhance.ts). */
  script: string | undefined;
  /** Applies the saved display settings before the first paint (public/display-settings-boot.js). */
  bootScript: string;
};
export type PublicBuildOptions = {
  /** The deployment's help contacts, as read from its file (checked here). */
  helpContacts: unknown;
  /** Where they were read from, for messages. */
  helpContactsFile: string;
  /** The day of the build (YYYY-MM-DD; default today in the UK): how old a check is counts from it. */
  today?: string;
};
/** Other files the pages need, written beside them (paths relative to dist/). */
export type ExtraFile = { file: string; body: string };

export class HelpContactsError extends Error {
  override name = 'HelpContactsError';
}

function makeI18n(lng: PublicLanguage): i18n {
  const instance = i18next.createInstance();
  const words = Object.fromEntries(
    Object.entries(publicWords).flatMap(([path, data]) => {
      const found = /locales\/([^/]+)\/public\.json$/.exec(path);
      return found ? [[found[1], data]] : [];
    }),
  );
  const all = Object.fromEntries(publicLanguages.map((l) => [l, { ...resources[l], public: words[l] ?? {} }]));
  void instance.use(initReactI18next).init({
    resources: all,
    lng,
    fallbackLng: 'en',
    supportedLngs: publicLanguages,
    defaultNS: 'common',
    ns: ['common', 'public'],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

export async function renderPublicPages(
  localesDir: string,
  assets: PublicAssets,
  options: PublicBuildOptions,
): Promise<{ pages: RenderedPage[]; manifest: PublicPagesManifest; files: ExtraFile[] }> {
  const loader = fileLoader(localesDir);
  const today = options.today ?? todayInLondon();
  const english = await Promise.all(familyTopicIds.map((id) => loadFamilyTopic(loader, 'en', id)));
  const check = checkHelpContacts(options.helpContacts, today, purposesUsed(english.map((t) => t.value)));
  if (!check.value || check.problems.length) {
    throw new HelpContactsError(`The help contacts in ${options.helpContactsFile} need fixing:\n${check.problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const contacts = check.value;

  const pages: RenderedPage[] = [];
  const files: ExtraFile[] = [];
  const redirects: PublicPagesManifest['redirects'] = [];

  for (const lng of publicLanguages) {
    const glossary = await loadFamilyGlossary(loader, lng);
    const topics = await Promise.all(familyTopicIds.map((id) => loadFamilyTopic(loader, lng, id)));
    const instance = makeI18n(lng);
    const t = instance.getFixedT(lng, 'public');
    const plainTitle = (id: FamilyTopicId) => {
      const topic = topics.find((loaded) => loaded.value.id === id);
      return topic ? toPlainText(topic.value.title, topic.language, glossary.value) : id;
    };
    const titles = new Map(familyTopicIds.map((id) => [id, plainTitle(id)]));

    // Search: this language's index, a hashed file under /assets/ (cached like the rest).
    const built = buildSearchIndex(lng, topics.map((t) => t.value), glossary.value);
    const plain = (text: string) => toPlainText(text, lng, glossary.value);
    const index = JSON.stringify({
      ...built,
      docs: built.docs.map((doc) => ({
        ...doc,
        result: doc.result.kind === 'topic' ? { ...doc.result, title: plain(doc.result.title), summary: plain(doc.result.summary) } : { ...doc.result, summary: plain(doc.result.summary) },
      })),
    });
    const indexFile = `assets/family-search-${lng}-${hashOf(index)}.json`;
    files.push({ file: indexFile, body: index });

    // The app's own addresses of these pages, under this language's prefix, lead here too.
    const base = routerBasename(lng) === '/' ? '' : routerBasename(lng);
    const home = publicPath({ kind: 'home' }, lng);
    redirects.push({ from: `${base}${appRoutes.explainers}`, to: home });
    if (base) redirects.push({ from: `${base}/`, to: home });
    redirects.push({ from: `${base}${topicPath('for-families')}`, to: publicPath({ kind: 'topic', id: 'how-you-can-help' }, lng) });
    for (const termId of Object.keys(glossary.value)) redirects.push({ from: `${base}${termPath(termId)}`, to: `${publicPath({ kind: 'glossary' }, lng)}#${termId}` });

    for (const page of publicPages) {
      const path = publicPath(page, lng);
      let title: string;
      let description: string;
      let content: ReactNode;
      if (page.kind === 'topic') {
        const topic = topics.find((loaded) => loaded.value.id === page.id);
        if (!topic) throw new Error(`No family guide ${page.id}`);
        title = titles.get(page.id) ?? page.id;
        description = toPlainText(topic.value.description, topic.language, glossary.value);
        content = <FamilyTopicPage lng={lng} topic={topic} glossary={glossary} contacts={contacts} titles={titles} />;
      } else if (page.kind === 'glossary') {
        title = t('glossary.title');
        description = t('glossary.description');
        content = <FamilyGlossaryPage lng={lng} glossary={glossary} />;
      } else if (page.kind === 'search') {
        title = t('search.title');
        description = t('search.description');
        content = <PublicSearchPage lng={lng} indexUrl={`/${indexFile}`} />;
      } else if (page.kind === 'settings') {
        title = t('settings.title');
        description = t('settings.description');
        content = <PublicSettingsPage lng={lng} />;
      } else {
        title = t('home.title');
        description = t('home.description');
        content = <FamilyHome lng={lng} topics={topics} glossary={glossary} />;
      }
      const body = renderToStaticMarkup(
        <I18nextProvider i18n={instance}>
          <StaticPage value={true}>
            <MemoryRouter basename={routerBasename(lng)} initialEntries={[path]}>
              <PublicLayout lng={lng} page={page} contacts={<HelpContacts contacts={contacts} lng={lng} today={today} />}>
                {content}
              </PublicLayout>
            </MemoryRouter>
          </StaticPage>
        </I18nextProvider>,
      );
      const alternates = Object.fromEntries(publicLanguages.map((other) => [other, publicPath(page, other)])) as Record<PublicLanguage, string>;
      const html = renderDocument({ lng, title: instance.t('app.pageTitle', { page: title }), description, alternates, assets, body });
      pages.push({ path, file: publicFile(page, lng), lang: lng, html });
    }
  }
  const oldestCheck = contacts.contacts.map((c) => c.lastChecked).sort()[0] ?? today;
  return {
    pages,
    files,
    manifest: {
      pages: pages.map(({ path, file, lang }) => ({ path, file, lang })),
      redirects,
      helpContacts: { example: contacts.example, oldestCheck, stale: check.stale },
    },
  };
}
