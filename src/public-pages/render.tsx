import i18next, { type i18n } from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { givenContent, GivenContentProvider } from '../app/features/explainers/content-source.ts';
import { TopicPage } from '../app/features/explainers/TopicPage.tsx';
import { GlossaryPage } from '../app/features/glossary/GlossaryPage.tsx';
import { loadedResources, loadLanguage } from '../app/i18n/i18n.ts';
import { appRoutes, termPath } from '../app/routes.ts';
import { StaticPage } from '../app/ui/static-page.ts';
import { loadGlossary, loadTopic } from '../content/load.ts';
import { toPlainText } from '../content/markup.ts';
import { fileLoader } from '../content/node-source.ts';
import { topicIds } from '../content/topic-ids.ts';
import { installPluralRules } from '../format/index.ts';
import { renderDocument } from './document.ts';
import { GuidesIndex } from './GuidesIndex.tsx';
import { PublicLayout } from './PublicLayout.tsx';
import { type PublicLanguage, publicLanguages, type PublicPage, type PublicPagesManifest, publicFile, publicPath, routerBasename } from './urls.ts';
import { WordsOnThisPage } from './WordsOnThisPage.tsx';

/**
 * Prerenders the public pages (device mode `public`) at build time: every guide, the glossary
 * A to Z and the guides index, in every language, with the app's own page components
 * (TopicPage, GlossaryPage…) rendered by react-dom/server from content read off disk. The result
 * is plain HTML that reads in full with JavaScript off; see src/build/public-pages.ts.
 */

// Every language's words and date data, fetched while this module loads: the build loads it
// through Vite's module runner, which closes once the import is done (a later import() would fail).
installPluralRules(publicLanguages);
for (const lng of publicLanguages) {
  if (!(await loadLanguage(lng))) throw new Error(`public pages: could not load the language "${lng}"`);
}
const resources = loadedResources();

export type RenderedPage = { path: string; file: string; lang: PublicLanguage; html: string };
export type PublicAssets = { styles: readonly string[]; script: string | undefined };

function makeI18n(lng: PublicLanguage): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    supportedLngs: publicLanguages,
    defaultNS: 'common',
    ns: ['common'],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

export async function renderPublicPages(localesDir: string, assets: PublicAssets): Promise<{ pages: RenderedPage[]; manifest: PublicPagesManifest }> {
  const loader = fileLoader(localesDir);
  const pages: RenderedPage[] = [];
  const redirects: PublicPagesManifest['redirects'] = [];
  const every: PublicPage[] = [{ kind: 'home' }, { kind: 'glossary' }, ...topicIds.map((id) => ({ kind: 'topic', id }) as const)];

  for (const lng of publicLanguages) {
    const glossary = await loadGlossary(loader, lng);
    const topics = await Promise.all(topicIds.map((id) => loadTopic(loader, lng, id)));
    const instance = makeI18n(lng);
    const t = instance.getFixedT(lng);
    const given = givenContent(lng, topics, glossary);
    const home = publicPath({ kind: 'home' }, lng);
    const glossaryPath = publicPath({ kind: 'glossary' }, lng);
    // The app's own addresses of these pages, under this language's prefix, lead here too.
    const base = routerBasename(lng) === '/' ? '' : routerBasename(lng);
    redirects.push({ from: `${base}${appRoutes.explainers}`, to: home });
    if (base) redirects.push({ from: `${base}/`, to: home });
    for (const termId of Object.keys(glossary.value)) redirects.push({ from: `${base}${termPath(termId)}`, to: `${glossaryPath}#${termId}` });

    for (const page of every) {
      const path = publicPath(page, lng);
      const alternates = Object.fromEntries(publicLanguages.map((other) => [other, publicPath(page, other)])) as Record<PublicLanguage, string>;
      let title: string;
      let description: string;
      let content: ReactNode;
      if (page.kind === 'topic') {
        const topic = topics.find((loaded) => loaded.value.id === page.id);
        if (!topic) throw new Error(`No topic ${page.id}`);
        const plain = (text: string) => toPlainText(text, topic.language, glossary.value);
        title = plain(topic.value.title);
        description = plain(topic.value.description);
        content = (
          <>
            <Routes>
              <Route path={`${appRoutes.explainers}/:topicId`} element={<TopicPage />} />
            </Routes>
            <WordsOnThisPage topic={topic.value} glossary={glossary} lng={topic.language} />
          </>
        );
      } else if (page.kind === 'glossary') {
        title = t('glossary.title');
        description = t('publicPages.glossaryDescription');
        content = <GlossaryPage />;
      } else {
        title = t('publicPages.home.title');
        description = t('publicPages.home.description');
        content = <GuidesIndex lng={lng} glossaryHref={glossaryPath} />;
      }
      // The path inside the router is the app's path (e.g. /explainers/oasys) under the language's basename.
      const routerPath = page.kind === 'topic' ? `${base}${appRoutes.explainers}/${page.id}` : path;
      const body = renderToStaticMarkup(
        <I18nextProvider i18n={instance}>
          <GivenContentProvider value={given}>
            <StaticPage value={true}>
              <MemoryRouter basename={routerBasename(lng)} initialEntries={[routerPath]}>
                <PublicLayout lng={lng} alternates={alternates} home={home} glossary={glossaryPath} current={page.kind}>
                  {content}
                </PublicLayout>
              </MemoryRouter>
            </StaticPage>
          </GivenContentProvider>
        </I18nextProvider>,
      );
      const html = renderDocument({
        lng,
        title: t('app.pageTitle', { page: title }),
        description,
        alternates,
        styles: assets.styles,
        // Only pages with terms to open need the script.
        script: body.includes('data-meaning=') ? assets.script : undefined,
        body,
      });
      pages.push({ path, file: publicFile(page, lng), lang: lng, html });
    }
  }
  return { pages, manifest: { pages: pages.map(({ path, file, lang }) => ({ path, file, lang })), redirects } };
}
