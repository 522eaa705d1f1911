import { describe, expect, it } from 'vitest';
import { projectPath } from '../project-path.ts';
import { acronymsIn } from '../../src/content/acronyms.ts';
import { topicTexts } from '../../src/content/fields.ts';
import { placeholdersIn, termIdsIn } from '../../src/content/markup.ts';
import { localeLanguages, topicFiles } from '../../src/content/node-source.ts';
import { Glossary, Topic, TopicId } from '../../src/content/schema.ts';
import { describeIssues } from '../../src/content/validate.ts';
import { readFileSync } from 'node:fs';

/** (a) every content file validates, naming file and field; (b) every locale has the same content, shaped the same. */

const localesDir = projectPath('locales');
const languages = localeLanguages(localesDir);
const readGlossary = (lng: string): unknown => JSON.parse(readFileSync(projectPath('locales', lng, 'glossary.json'), 'utf8')) as unknown;

function parsedTopics(lng: string): Map<string, Topic> {
  const out = new Map<string, Topic>();
  for (const { data, file } of topicFiles(localesDir, lng)) {
    const parsed = Topic.safeParse(data);
    if (parsed.success) out.set(file.replace(/^.*\//, '').replace(/\.json$/, ''), parsed.data);
  }
  return out;
}

describe('content files validate against the schema', () => {
  it('finds English and Welsh', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'cy']));
  });

  it.each(languages)('every topic file in %s is valid, and named after its id', (lng) => {
    const problems: string[] = [];
    for (const { file, data } of topicFiles(localesDir, lng)) {
      const parsed = Topic.safeParse(data);
      if (!parsed.success) problems.push(...describeIssues(`locales/${file}`, parsed.error));
      else if (`${lng}/topics/${parsed.data.id}.json` !== file) problems.push(`locales/${file}: id: "${parsed.data.id}" does not match the file name`);
    }
    expect(problems).toEqual([]);
  });

  it.each(languages)('the glossary in %s is valid', (lng) => {
    const parsed = Glossary.safeParse(readGlossary(lng));
    expect(parsed.success ? [] : describeIssues(`locales/${lng}/glossary.json`, parsed.error)).toEqual([]);
  });

  it('names the file and the field when something is wrong', () => {
    const broken = { id: 'oasys', title: 'OASys', inShort: ' ', description: 'x', sections: [{ heading: 'h', paragraphs: [] }], actions: [{ kind: 'fly', label: 'x' }], related: ['nowhere'] };
    const parsed = Topic.safeParse(broken);
    expect(parsed.success).toBe(false);
    const lines = parsed.success ? [] : describeIssues('locales/en/topics/oasys.json', parsed.error);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^locales\/en\/topics\/oasys\.json: inShort: /),
        expect.stringMatching(/^locales\/en\/topics\/oasys\.json: sections\[0\]\.paragraphs: /),
        expect.stringMatching(/^locales\/en\/topics\/oasys\.json: actions\[0\]\.kind: /),
        expect.stringMatching(/^locales\/en\/topics\/oasys\.json: related\[0\]: /),
      ]),
    );
  });

  it('asks for a check date when a topic gives outside contact details', () => {
    const contact = { name: 'n', about: 'a', phone: '0800 000 000', hours: [], address: ['x'], source: '001:1-2' };
    const topic = { id: 'getting-help', title: 't', inShort: 'i', description: 'd', sections: [{ heading: 'h', paragraphs: ['p'] }], actions: [], related: [], contacts: [contact] };
    const parsed = Topic.safeParse(topic);
    expect(parsed.success ? [] : describeIssues('f', parsed.error)).toEqual([expect.stringMatching(/^f: lastChecked: /)]);
  });
});

describe('every locale has the same content, shaped the same', () => {
  const english = parsedTopics('en');

  it('English has every topic', () => {
    expect([...english.keys()].sort()).toEqual([...TopicId.options].sort());
  });

  it.each(languages.filter((l) => l !== 'en'))('%s has every topic file and no others', (lng) => {
    expect(topicFiles(localesDir, lng).map((f) => f.file.replace(`${lng}/`, ''))).toEqual(topicFiles(localesDir, 'en').map((f) => f.file.replace('en/', '')));
  });

  it.each(languages.filter((l) => l !== 'en'))('%s topics have the same sections, lists, actions, related topics, terms and placeholders', (lng) => {
    const shape = (topic: Topic) => ({
      sections: topic.sections.map((s) => ({ paragraphs: s.paragraphs.length, list: s.list?.length ?? 0 })),
      actions: topic.actions.map((a) => ({ kind: a.kind, detail: a.detail !== undefined })),
      related: topic.related,
      terms: [...new Set(topicTexts(topic).flatMap((t) => termIdsIn(t.text)))].sort(),
      placeholders: topicTexts(topic)
        .flatMap((t) => placeholdersIn(t.text).map((p) => `${t.path}: ${p.namespace}.${p.name}`))
        .sort(),
      contacts: topic.contacts?.map((c) => ({ phone: c.phone, address: c.address, hours: c.hours.length, source: c.source })),
      lastChecked: topic.lastChecked,
    });
    const translated = parsedTopics(lng);
    for (const [id, topic] of english) {
      const other = translated.get(id);
      expect(other, `locales/${lng}/topics/${id}.json is missing or invalid`).toBeDefined();
      if (other) expect({ file: `locales/${lng}/topics/${id}.json`, ...shape(other) }).toEqual({ file: `locales/${lng}/topics/${id}.json`, ...shape(topic) });
    }
  });

  it.each(languages.filter((l) => l !== 'en'))('the %s glossary has every English entry, and each acronym is the same', (lng) => {
    const en = Glossary.parse(readGlossary('en'));
    const other = Glossary.parse(readGlossary(lng));
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    for (const [id, entry] of Object.entries(en)) {
      expect(other[id]?.expansion === undefined, `${lng} glossary ${id}.expansion`).toBe(entry.expansion === undefined);
      if (acronymsIn(entry.term).length) expect(other[id]?.term, `${lng} glossary ${id}.term`).toBe(entry.term);
    }
  });
});

describe('outside contact details say once, plainly, where they come from and when', () => {
  // The date line under the details (explainers.checkedOn) says it; the guide's own words must
  // not say it again differently (it once said "we do not know when" above "we checked on …").
  const dating = {
    en: /\b(leaflet|written|checked|changed|out of date|rely on)\b/i,
    cy: /\b(taflen|ysgrifennwyd|hysgrifennu|gwirio|gwiriwch|newid|dibynnu)\b/i,
  } as const;
  const readCommon = (lng: string) => JSON.parse(readFileSync(projectPath('locales', lng, 'common.json'), 'utf8')) as { explainers: { checkedOn: string } };

  it.each(['en', 'cy'] as const)('in %s, a guide with contacts leaves their date to the date line', (lng) => {
    const problems: string[] = [];
    for (const [id, topic] of parsedTopics(lng)) {
      if (!topic.contacts?.length) continue;
      for (const { path, text, running } of topicTexts(topic)) if (running && dating[lng].test(text)) problems.push(`locales/${lng}/topics/${id}.json: ${path}: "${text}"`);
    }
    expect(problems).toEqual([]);
  });

  it('the date line says the details were copied on that date, and not checked with the service since', () => {
    expect(readCommon('en').explainers.checkedOn).toMatch(/copied these details .*on \{\{date\}\}\..*not checked them with the service/);
    expect(readCommon('cy').explainers.checkedOn).toMatch(/[cg]opïo.*\{\{date\}\}\..*ddim wedi('u| eu)? gwirio/);
  });
});

describe('"What you can do": each action stands alone, with its own verb', () => {
  // Labels and details are read one after the other; a detail that only continues its label
  // ("Make a complaint" + "If no one answers you.") runs into it. So a detail is a whole sentence.
  const labelVerbs = {
    en: /^(Ask|Send|Make|Contact|Get|Call|Write|Read|Tell|Talk|Find|Book|Check)\b/,
    cy: /^(Gofyn|Holi|Anfon|Gwneud|Cysylltu|Cael|Ffonio|Ysgrifennu|Darllen|Dweud|Siarad|Trefnu|Gwirio)\b/,
  } as const;
  const fragmentStart = { en: /^(If|When|Through|Because|Unless|So|Or|And)\b/, cy: /^(Os|Pan|Drwy|Trwy|Oherwydd|Neu|Ac?|Felly)\b/ } as const;

  it.each(['en', 'cy'] as const)('in %s, every label starts with a verb and every detail is a whole sentence', (lng) => {
    const problems: string[] = [];
    for (const [id, topic] of parsedTopics(lng)) {
      topic.actions.forEach((action, a) => {
        const where = `locales/${lng}/topics/${id}.json: actions[${a}]`;
        if (!labelVerbs[lng].test(action.label)) problems.push(`${where}.label: "${action.label}" does not start with a verb`);
        if (/[.!?]$/.test(action.label)) problems.push(`${where}.label: a label has no full stop`);
        if (action.detail === undefined) return;
        if (fragmentStart[lng].test(action.detail)) problems.push(`${where}.detail: "${action.detail}" continues the label: make it a sentence of its own`);
        if (!/^\p{Lu}/u.test(action.detail) || !/[.!?]$/.test(action.detail)) problems.push(`${where}.detail: "${action.detail}" is not a whole sentence`);
      });
    }
    expect(problems).toEqual([]);
  });
});
