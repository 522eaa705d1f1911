import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../project-path.ts';
import { facts } from '../../src/content/facts.ts';
import { topicTexts } from '../../src/content/fields.ts';
import { fillPlaceholders, placeholdersIn } from '../../src/content/markup.ts';
import { localeLanguages } from '../../src/content/node-source.ts';
import { formatDuration, formatRange, policyRanges, policyText } from '../../src/content/policy-text.ts';
import { Glossary } from '../../src/content/schema.ts';
import { guides } from './content-guides.ts';
import { policy, type PolicyName } from '../../src/domain/policy.ts';

/**
 * (c) Time limits come only from src/domain/policy.ts and counts only from src/content/facts.ts.
 * Topic text may not hold a number typed by hand: no standalone digits, and no number word next
 * to a unit of time ("two weeks", "dwy flynedd"). Contact details (phone, address, hours) are
 * exempt: they are shown as the source gives them.
 */

const localesDir = projectPath('locales');
const languages = localeLanguages(localesDir);

// The app's guides and the family guides alike.
const topics = languages.flatMap((lng) => guides(localesDir, lng).map(({ file, topic }) => ({ lng, file, topic })));

const numberWords: Record<string, RegExp> = {
  en: /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|eighteen|twenty|twenty-four|once a|twice a|every|each)\s+(?:days?|weeks?|months?|years?)\b/i,
  cy: /\b(?:un|dau|dwy|tri|tair|pedwar|pedair|pump|pum|chwech|chwe|saith|wyth|naw|deg|deuddeg|pymtheg|un ar bymtheg|deunaw|ugain|bob)\s+(?:diwrnod|niwrnod|wythnos|mis|fis|blwyddyn|flwyddyn|blynedd|flynedd|mlynedd)\b/i,
};

describe('numbers in topic text come from the policy constants and the facts', () => {
  it('has topics to check', () => {
    expect(topics.length).toBeGreaterThanOrEqual(11);
  });

  it('every placeholder is known (names file and field otherwise)', () => {
    const problems: string[] = [];
    for (const { lng, file, topic } of topics) {
      for (const { path, text } of topicTexts(topic)) {
        for (const problem of fillPlaceholders(text, lng).problems) problems.push(`${file}: ${path}: ${problem.kind} ${problem.text}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('reports an unknown placeholder by name', () => {
    expect(fillPlaceholders('Within {{policy.noSuchRule}}.', 'en').problems).toEqual([{ kind: 'unknownPlaceholder', text: '{{policy.noSuchRule}}' }]);
    expect(fillPlaceholders('Within {{fact.nope}}.', 'en').problems).toEqual([{ kind: 'unknownPlaceholder', text: '{{fact.nope}}' }]);
    expect(fillPlaceholders('Within {{policy.initialOasysDeterminate}.', 'en').problems.map((p) => p.kind)).toEqual(['malformedPlaceholder']);
  });

  it('no topic text has a number typed by hand, or a time limit in words', () => {
    const problems: string[] = [];
    for (const { lng, file, topic } of topics) {
      for (const { path, text } of topicTexts(topic)) {
        const raw = text.replace(/\{\{[^}]*\}\}/g, ' ').replace(/\[\[[^|\]]*\|?/g, ' ');
        const digits = raw.match(/(?<![\p{L}\p{N}])\p{N}+(?![\p{L}\p{N}])/gu);
        if (digits) problems.push(`${file}: ${path}: number typed by hand: ${digits.join(', ')} (use {{policy.NAME}} or {{fact.NAME}})`);
        const words = (numberWords[lng] ?? numberWords.en)?.exec(raw);
        if (words) problems.push(`${file}: ${path}: time limit in words: "${words[0]}" (use {{policy.NAME}})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('glossary definitions have no numbers either', () => {
    const problems: string[] = [];
    for (const lng of languages) {
      const glossary = Glossary.parse(JSON.parse(readFileSync(projectPath('locales', lng, 'glossary.json'), 'utf8')));
      for (const [id, entry] of Object.entries(glossary)) {
        if (/\p{N}/u.test(entry.definition) || placeholdersIn(entry.definition).length) problems.push(`locales/${lng}/glossary.json: ${id}.definition`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the same placeholders are used in the same places in every language', () => {
    const byFile = new Map<string, string[]>();
    for (const { file, topic } of topics) {
      const key = file.replace(/^locales\/[^/]+\//, '');
      const used = topicTexts(topic).flatMap((t) => placeholdersIn(t.text).map((p) => `${t.path} ${p.namespace}.${p.name}`));
      const seen = byFile.get(key);
      if (seen) expect(used, file).toEqual(seen);
      else byFile.set(key, used);
    }
  });

  it('every time limit the topics use is a policy constant with a source', () => {
    for (const [name, rule] of Object.entries(policy)) {
      expect(rule.source, name).toMatch(/^\d{3}:\d+(-\d+)?(; \d{3}:\d+(-\d+)?)*$/);
      expect(policyText(name as PolicyName, 'en')).toMatch(/^\d/);
    }
  });
});

describe('counted facts match shared/DOMAIN.md', () => {
  const domainPath = projectPath('..', 'shared', 'DOMAIN.md');
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const domain = existsSync(domainPath) ? flat(readFileSync(domainPath, 'utf8')) : undefined;

  it.each(Object.entries(facts))('%s', (_name, fact) => {
    expect(fact.source).toMatch(/^\d{3}:\d+(-\d+)?$/);
    const items = 'items' in fact ? fact.items : undefined;
    if (items) expect(items.length).toBe(fact.value);
    else expect(fact.evidence).toMatch(new RegExp(`(^|\\D)${fact.value}(\\D|$)`));
    if (domain === undefined) return; // shared/ is not beside this checkout: the values are still checked above
    expect(domain).toContain(flat(fact.evidence));
    for (const item of items ?? []) expect(domain).toContain(flat(item));
  });
});

describe('policy durations in words', () => {
  it.each([
    [{ weeks: 10 }, '10 weeks', '10 wythnos'],
    [{ weeks: 1 }, '1 week', '1 wythnos'],
    [{ months: 6 }, '6 months', '6 mis'],
    [{ months: 2 }, '2 months', '2 fis'],
    [{ months: 1 }, '1 month', '1 mis'],
    [{ months: 12 }, '12 months', '12 mis'],
    [{ years: 1 }, '1 year', '1 flwyddyn'],
    [{ years: 2 }, '2 years', '2 flynedd'],
    [{ years: 3 }, '3 years', '3 blynedd'],
    [{ years: 5 }, '5 years', '5 mlynedd'],
    [{ years: 13 }, '13 years', '13 o flynyddoedd'],
    [{ years: 2, weeks: 24 }, '2 years and 24 weeks', '2 flynedd a 24 wythnos'],
    [{ years: 2, weeks: 8 }, '2 years and 8 weeks', '2 flynedd ac 8 wythnos'],
    [{ years: 1, months: 6, weeks: 2 }, '1 year, 6 months and 2 weeks', '1 flwyddyn, 6 mis a 2 wythnos'],
  ])('%j is "%s" and "%s"', (duration, en, cy) => {
    expect(formatDuration(duration, 'en')).toBe(en);
    expect(formatDuration(duration, 'cy')).toBe(cy);
  });

  it('uses English for a language it has no rules for, and refuses an empty duration', () => {
    expect(formatDuration({ weeks: 16 }, 'fr')).toBe('16 weeks');
    expect(() => formatDuration({}, 'en')).toThrow(RangeError);
  });

  it('fills the policy constants into text in each language', () => {
    expect(fillPlaceholders('Within {{policy.initialOasysDeterminate}}.', 'en').text).toBe('Within 10 weeks.');
    expect(fillPlaceholders('{{policy.oasysPreTariffSift}} cyn', 'cy').text).toBe('2 flynedd a 24 wythnos cyn');
    expect(fillPlaceholders('{{fact.pipeUnitsMen}} units', 'en').text).toBe('15 units');
  });
});

describe('time spans read smallest first ("2 to 8 weeks before you leave")', () => {
  const latest = policy.preReleaseDeterminateLatest.duration.weeks;
  const earliest = policy.preReleaseDeterminateEarliest.duration.weeks;

  it('the OASys guide gives the pre-release review as one span, smallest first, in each language', () => {
    const text = (lng: string) => {
      const oasys = topics.find((t) => t.lng === lng && t.topic.id === 'oasys');
      return oasys ? topicTexts(oasys.topic).map((t) => fillPlaceholders(t.text, lng).text).join('\n') : '';
    };
    expect(text('en')).toContain(`${latest} to ${earliest} weeks before you are released`);
    expect(text('en')).not.toMatch(new RegExp(`${earliest} weeks and ${latest} weeks`));
    expect(text('cy')).toContain(`${latest} i ${earliest} wythnos cyn`);
  });

  it('no text joins two time limits with "between … and …": a span is one {{range.NAME}}', () => {
    const problems: string[] = [];
    const joined = /(?:between|rhwng)\s+\{\{\s*policy\.\w+\s*\}\}\s+(?:and|a|ac)\s+\{\{\s*policy\.\w+\s*\}\}/i;
    for (const { file, topic } of topics) {
      for (const { path, text } of topicTexts(topic)) if (joined.test(text)) problems.push(`${file}: ${path}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('time spans in words', () => {
  it.each([
    [{ weeks: 2 }, { weeks: 8 }, '2 to 8 weeks', '2 i 8 wythnos'],
    [{ years: 1 }, { years: 2 }, '1 to 2 years', '1 i 2 flynedd'],
    [{ years: 2 }, { years: 5 }, '2 to 5 years', '2 i 5 mlynedd'],
    [{ months: 6 }, { years: 2 }, '6 months to 2 years', '6 mis i 2 flynedd'],
    [{ weeks: 1 }, { weeks: 2 }, '1 to 2 weeks', '1 i 2 wythnos'],
  ])('%j to %j is "%s" and "%s"', (from, to, en, cy) => {
    expect(formatRange(from, to, 'en')).toBe(en);
    expect(formatRange(from, to, 'cy')).toBe(cy);
  });

  it('refuses a span that reads backwards or has no length', () => {
    expect(() => formatRange({ weeks: 8 }, { weeks: 2 }, 'en')).toThrow(RangeError);
    expect(() => formatRange({ weeks: 2 }, { weeks: 2 }, 'en')).toThrow(RangeError);
  });

  it.each(Object.entries(policyRanges))('the named span %s goes from the shorter limit to the longer', (_name, { from, to }) => {
    expect(() => formatRange(policy[from].duration, policy[to].duration, 'en')).not.toThrow();
  });

  it('fills a named span into text, and reports an unknown one', () => {
    expect(fillPlaceholders('{{range.preReleaseDeterminate}} before', 'en').text).toBe('2 to 8 weeks before');
    expect(fillPlaceholders('{{range.nope}}', 'en').problems).toEqual([{ kind: 'unknownPlaceholder', text: '{{range.nope}}' }]);
  });
});
