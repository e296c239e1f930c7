import { describe, expect, it } from 'vitest';
import { withoutSuggestions } from './clientErrors';

describe('withoutSuggestions', () => {
  it.each([
    ['Cannot query field "titl" on type "Plan". Did you mean "title"?', 'Cannot query field "titl" on type "Plan".'],
    [
      'Variable "$status" got invalid value "PUBLISHE"; Value "PUBLISHE" does not exist in "PublicationStatus" enum. Did you mean the enum value "PUBLISHED"?',
      'Variable "$status" got invalid value "PUBLISHE"; Value "PUBLISHE" does not exist in "PublicationStatus" enum.',
    ],
    [
      'Unknown argument "filter" on field "Query.plans". Did you mean "filters", "sort", or "status"?',
      'Unknown argument "filter" on field "Query.plans".',
    ],
  ])('takes the schema out of %j', (message, expected) => {
    expect(withoutSuggestions(message)).toBe(expected);
  });

  it('leaves other messages as they are', () => {
    expect(withoutSuggestions('Syntax Error: Expected Name, found <EOF>.')).toBe('Syntax Error: Expected Name, found <EOF>.');
  });
});
