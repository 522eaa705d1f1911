import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import cyCommon from '../../locales/cy/common.json' with { type: 'json' };
import cyGlossary from '../../locales/cy/glossary.json' with { type: 'json' };
import cyOasys from '../../locales/cy/topics/oasys.json' with { type: 'json' };
import en from '../../locales/en/common.json' with { type: 'json' };
import enGlossary from '../../locales/en/glossary.json' with { type: 'json' };
import enOasys from '../../locales/en/topics/oasys.json' with { type: 'json' };
import enRosh from '../../locales/en/topics/rosh.json' with { type: 'json' };
import { policyText } from '../../src/content/policy-text.ts';
import { topicIds } from '../../src/content/topic-ids.ts';
import { appRoutes, termPath, topicPath } from '../../src/app/routes.ts';
import { renderApp } from './render-app.tsx';

describe('explainer guides', () => {
  it('lists every guide with a link to it', async () => {
    renderApp({ path: appRoutes.explainers });
    expect(await screen.findByRole('heading', { level: 1, name: en.explainers.title })).toBeInTheDocument();
    await screen.findByRole('link', { name: enOasys.title });
    const list = screen.getAllByRole('list').find((l) => l.classList.contains('app-topic-list'));
    expect(list).toBeDefined();
    expect(within(list as HTMLElement).getAllByRole('link')).toHaveLength(topicIds.length);
    expect(screen.getByRole('link', { name: enOasys.title })).toHaveAttribute('href', topicPath('oasys'));
  });

  it('shows a guide with its time limits filled in from the policy rules', async () => {
    renderApp({ path: topicPath('oasys') });
    expect(await screen.findByRole('heading', { level: 1, name: enOasys.title })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: en.explainers.inShort })).toBeInTheDocument();
    expect(document.body.textContent).toContain(policyText('initialOasysDeterminate', 'en'));
    expect(document.body.textContent).not.toMatch(/\{\{|\[\[/);
    expect(screen.getByRole('heading', { level: 2, name: en.explainers.whatYouCanDo })).toBeInTheDocument();
  });

  it('opens the meaning of a term in place when it is pressed, and closes it again', async () => {
    const user = userEvent.setup();
    renderApp({ path: topicPath('rosh') });
    await screen.findByRole('heading', { level: 1, name: enRosh.title });
    const [term] = screen.getAllByRole('button', { name: enGlossary.rosh.term });
    if (!term) throw new Error('no RoSH term button');
    expect(term).toHaveAttribute('aria-expanded', 'false');
    const meaning = document.getElementById(term.getAttribute('aria-controls') ?? '');
    expect(meaning).not.toBeVisible();
    await user.click(term);
    expect(term).toHaveAttribute('aria-expanded', 'true');
    expect(meaning).toBeVisible();
    expect(meaning).toHaveTextContent(enGlossary.rosh.definition);
    await user.click(term);
    expect(meaning).not.toBeVisible();
  });

  it('goes to a related guide', async () => {
    const user = userEvent.setup();
    renderApp({ path: topicPath('rosh') });
    const related = await screen.findByRole('navigation', { name: en.explainers.related });
    const first = within(related).getAllByRole('link')[0];
    if (!first) throw new Error('no related link');
    const name = first.textContent ?? '';
    await user.click(first);
    expect(await screen.findByRole('heading', { level: 1, name })).toBeInTheDocument();
  });

  it('shows the guide in Welsh, with Welsh time limits', async () => {
    renderApp({ path: topicPath('oasys'), language: 'cy' });
    expect(await screen.findByRole('heading', { level: 1, name: cyOasys.title })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: cyCommon.explainers.inShort })).toBeInTheDocument();
    expect(document.body.textContent).toContain(policyText('initialOasysDeterminate', 'cy'));
    expect(screen.queryByText(cyCommon.explainers.fallback)).not.toBeInTheDocument();
  });

  it('shows a helpful page with search for an unknown guide', async () => {
    renderApp({ path: `${appRoutes.explainers}/no-such-guide` });
    expect(await screen.findByRole('heading', { level: 1, name: en.explainers.notFoundTitle })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: en.search.label })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: en.explainers.allTopics })).toBeInTheDocument();
  });
});

describe('glossary', () => {
  it('lists every word A to Z with its meaning', async () => {
    renderApp({ path: appRoutes.glossary });
    expect(await screen.findByRole('heading', { level: 1, name: en.glossary.title })).toBeInTheDocument();
    const terms = screen.getAllByRole('term').map((t) => t.textContent ?? '');
    expect(terms).toHaveLength(Object.keys(enGlossary).length);
    expect([...terms].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))).toEqual(terms);
    expect(screen.getByRole('navigation', { name: en.glossary.letters })).toBeInTheDocument();
  });

  it('gives each word its own page, in Welsh too', async () => {
    renderApp({ path: termPath('oasys'), language: 'cy' });
    expect(await screen.findByRole('heading', { level: 1, name: cyGlossary.oasys.term })).toBeInTheDocument();
    expect(screen.getByText(cyGlossary.oasys.definition)).toBeInTheDocument();
  });

  it('shows a helpful page with search for an unknown word', async () => {
    renderApp({ path: termPath('no-such-word') });
    expect(await screen.findByRole('heading', { level: 1, name: en.glossary.notFoundTitle })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: en.search.label })).toBeInTheDocument();
  });
});

describe('search', () => {
  it('finds guides and words on the device', async () => {
    const user = userEvent.setup();
    renderApp({ path: appRoutes.search });
    await user.type(await screen.findByRole('searchbox', { name: en.search.label }), 'MAPPA');
    await user.click(screen.getByRole('button', { name: en.search.button }));
    const results = await screen.findByRole('region', { name: /^Results: [1-9]/ });
    const hrefs = within(results)
      .getAllByRole('link', { name: enGlossary.mappa.term })
      .map((link) => link.getAttribute('href'));
    expect(hrefs).toContain(termPath('mappa'));
    expect(within(results).getAllByRole('link').length).toBeGreaterThan(1);
  });

  it('says plainly when the box is empty, and says when nothing was found', async () => {
    const user = userEvent.setup();
    renderApp({ path: appRoutes.search });
    await user.click(await screen.findByRole('button', { name: en.search.button }));
    expect(screen.getByText(en.search.empty)).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: en.search.label })).toHaveAttribute('aria-invalid', 'true');
    await user.type(screen.getByRole('searchbox', { name: en.search.label }), 'zzzzqqq');
    await user.click(screen.getByRole('button', { name: en.search.button }));
    expect(await screen.findByText(en.search.noResults)).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: en.search.label })).toHaveValue('zzzzqqq');
  });
});
