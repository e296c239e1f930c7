import { describe, expect, it } from 'vitest';
import { everyLocale } from './alternates';
import en from './en.json';
import { planPath, priorityAreaPath, reportPath, routeTo } from './routes';
import sv from './sv.json';
import { t } from './t';

describe('routes', () => {
  it('puts Swedish at the root and English under /en', () => {
    expect(routeTo('home', 'sv')).toBe('/');
    expect(routeTo('home', 'en')).toBe('/en/');
    expect(routeTo('goals', 'sv')).toBe('/inriktningsmal/');
    expect(routeTo('goals', 'en')).toBe('/en/goals/');
    expect(planPath('sv', 2018)).toBe('/verksamhetsplaner/2018/');
    expect(planPath('en', 2018)).toBe('/en/plans/2018/');
    expect(reportPath('sv', 2017)).toBe('/verksamhetsberattelser/2017/');
    expect(reportPath('en', 2017)).toBe('/en/reports/2017/');
    expect(routeTo('accessibility', 'sv')).toBe('/tillganglighet/');
    expect(routeTo('accessibility', 'en')).toBe('/en/accessibility/');
  });

  it('builds priority-area paths from the slug of each language', () => {
    expect(priorityAreaPath('sv', 'studieresa-till-berlin')).toBe('/prioriterade-omraden/studieresa-till-berlin/');
    expect(priorityAreaPath('en', 'study-trip-to-berlin')).toBe('/en/priority-areas/study-trip-to-berlin/');
  });
});

describe('alternates', () => {
  it('gives a page that exists in every language its address in each', () => {
    expect(everyLocale((locale) => routeTo('plans', locale))).toEqual({ sv: '/verksamhetsplaner/', en: '/en/plans/' });
  });
});

describe('UI strings', () => {
  it('has every key in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it('fills in placeholders', () => {
    expect(t('sv', 'home.priorityAreas', { year: 2018 })).toBe('Prioriterade områden 2018');
    expect(t('en', 'home.priorityAreas', { year: 2018 })).toBe('Priority areas 2018');
  });
});
