import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import cy from '../../locales/cy/common.json' with { type: 'json' };
import enMappa from '../../locales/en/topics/mappa.json' with { type: 'json' };
import { GivenContentProvider, givenContent } from '../../src/app/content-view/content-source.ts';
import { TopicPage } from '../../src/app/features/explainers/TopicPage.tsx';
import { createI18n } from '../../src/app/i18n/i18n.ts';
import { topicPath } from '../../src/app/routes.ts';
import { type ContentLoader, loadGlossary, loadTopic } from '../../src/content/load.ts';
import { fileLoader } from '../../src/content/node-source.ts';
import { projectPath } from '../project-path.ts';

/** The real files, except that the Welsh MAPPA guide is missing, as if not yet translated. */
const disk = fileLoader(projectPath('locales'));
const welshMappaMissing: ContentLoader = {
  topic: (lng, id) => (lng === 'cy' && id === 'mappa' ? undefined : disk.topic(lng, id)),
  glossary: (lng) => disk.glossary(lng),
};

describe('a guide not yet translated', () => {
  it('is shown in English, marked as English, and says so in Welsh', async () => {
    const topic = await loadTopic(welshMappaMissing, 'cy', 'mappa');
    const glossary = await loadGlossary(welshMappaMissing, 'cy');
    render(
      <I18nextProvider i18n={createI18n('cy')}>
        <GivenContentProvider value={givenContent('cy', [topic], glossary)}>
          <MemoryRouter initialEntries={[topicPath('mappa')]}>
            <Routes>
              <Route path="/explainers/:topicId" element={<TopicPage />} />
            </Routes>
          </MemoryRouter>
        </GivenContentProvider>
      </I18nextProvider>,
    );
    expect(await screen.findByText(cy.explainers.fallback)).toBeInTheDocument();
    const firstSection = enMappa.sections[0];
    if (!firstSection) throw new Error('the MAPPA guide has no sections');
    const heading = screen.getByRole('heading', { level: 2, name: firstSection.heading });
    expect(heading.closest('[lang]')).toHaveAttribute('lang', 'en');
    expect(screen.getByRole('heading', { level: 2, name: cy.explainers.inShort })).toBeInTheDocument();
  });
});
