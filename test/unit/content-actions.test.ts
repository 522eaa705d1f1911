import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../project-path.ts';
import { termIdsIn } from '../../src/content/markup.ts';
import { localeLanguages, topicFiles } from '../../src/content/node-source.ts';
import { type ActionTarget, Topic } from '../../src/content/schema.ts';
import { ApplicationAbout, applicationShortcuts } from '../../src/domain/application-shortcuts.ts';
import type { ApplicationType } from '../../src/domain/application.ts';

/**
 * Every "What you can do" action in every guide, in every language, leads somewhere real: an
 * application to the OMU with its words written in, the start of a new application, or a part
 * of a guide that says where to go (how to complain, help from outside the prison).
 */

const localesDir = projectPath('locales');
const languages = localeLanguages(localesDir);

function topics(lng: string): Map<string, Topic> {
  return new Map(topicFiles(localesDir, lng).map(({ data }) => Topic.parse(data)).map((topic) => [topic.id, topic]));
}

/** The words written in for a shortcut, in one language. */
function aboutWords(lng: string): Record<string, string> {
  const forms = JSON.parse(readFileSync(projectPath('locales', lng, 'forms.json'), 'utf8')) as { about: Record<string, string> };
  return forms.about;
}

/** Which application types fit each kind of action (an action that says "ask for a copy" must open that). */
const typesForKind: Record<string, readonly ApplicationType[] | 'apply'> = {
  askForOasysCopy: ['copyOfOasys'],
  askForReview: ['reviewMyOasys', 'questionAboutMyPlan'],
  askAboutCourse: ['askAboutCourse'],
  askAboutPipe: ['askAboutPipe'],
  askOmu: 'apply',
  contactOffenderManager: ['other', 'questionAboutMyPlan', 'seeMyPom'],
};

function problemsWith(lng: string, topicId: string, index: number, kind: string, target: ActionTarget, all: Map<string, Topic>): string[] {
  const where = `${lng}/topics/${topicId}.json actions[${index}]`;
  if ('about' in target) {
    const type = applicationShortcuts[target.about].type;
    const fits = typesForKind[kind];
    if (fits === undefined || (fits !== 'apply' && !fits.includes(type))) return [`${where}: a "${kind}" action opens a "${type}" application`];
    return aboutWords(lng)[target.about]?.trim() ? [] : [`${where}: no words for "${target.about}" in ${lng}/forms.json`];
  }
  if ('apply' in target) return kind === 'askOmu' ? [] : [`${where}: only "askOmu" opens the choice of applications`];
  const guide = all.get(target.guide);
  if (!guide) return [`${where}: no guide "${target.guide}"`];
  if (target.part === 'contacts') {
    if (!guide.contacts?.length) return [`${where}: "${target.guide}" has no contacts`];
    return kind === 'getAdvice' ? [] : [`${where}: a "${kind}" action leads to outside contacts`];
  }
  const section = target.part === undefined ? null : guide.sections[target.part - 1];
  if (target.part !== undefined && !section) return [`${where}: "${target.guide}" has no part ${target.part}`];
  if (kind === 'complain') {
    const text = section ? [section.heading, ...section.paragraphs].join(' ') : '';
    return termIdsIn(text).includes('complaint') ? [] : [`${where}: leads to a part of "${target.guide}" that does not explain complaints`];
  }
  return kind === 'getAdvice' ? [`${where}: a "getAdvice" action must lead to contacts`] : [];
}

describe('guide actions lead somewhere', () => {
  it.each(languages)('every action in %s opens the right application, or the part of a guide that says where to go', (lng) => {
    const all = topics(lng);
    const problems: string[] = [];
    for (const topic of all.values()) topic.actions.forEach((action, i) => problems.push(...problemsWith(lng, topic.id, i, action.kind, action.goTo, all)));
    expect(problems).toEqual([]);
    expect([...all.values()].flatMap((topic) => topic.actions).length).toBeGreaterThan(10);
  });

  it('leads to the same place in every language', () => {
    const english = topics('en');
    for (const lng of languages) {
      for (const [id, topic] of topics(lng)) {
        expect(topic.actions.map((a) => a.goTo), `${lng}/${id}`).toEqual(english.get(id)!.actions.map((a) => a.goTo));
      }
    }
  });

  it('finds a dead action: one with nowhere to go fails the schema, naming it', () => {
    const topic = [...topics('en').values()][0]!;
    const dead = { ...topic, actions: [{ kind: 'askOmu', label: 'Ask the OMU' }] };
    const result = Topic.safeParse(dead);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toContain('actions.0.goTo');
    expect(Topic.safeParse({ ...topic, actions: [{ kind: 'askOmu', label: 'Ask', goTo: { about: 'noSuchReason' } }] }).success).toBe(false);
    expect(problemsWith('en', topic.id, 0, 'complain', { guide: 'getting-help', part: 3 }, topics('en'))).toEqual([
      'en/topics/' + topic.id + '.json actions[0]: leads to a part of "getting-help" that does not explain complaints',
    ]);
  });

  it.each(languages)('every shortcut has words written in %s, for the guides and the plan screens alike', (lng) => {
    const words = aboutWords(lng);
    for (const about of ApplicationAbout.options) expect(words[about]?.trim(), `${lng}: ${about}`).toBeTruthy();
    expect(Object.keys(words).sort()).toEqual([...ApplicationAbout.options].sort());
  });
});
