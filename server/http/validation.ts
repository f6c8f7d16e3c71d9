/**
 * Zod's issues as the API's field errors: the field's path in the request, a message in English, and
 * a machine-readable `code` (with `params`) that a widget turns into its own words in Japanese or
 * English — `required`, `too_long {max}`, `too_many {max}`, `too_short {min}`, `out_of_range {min,max}`,
 * `invalid_email`, `invalid_url`, `invalid_format`, `not_single_line`, `invalid_text`,
 * `invalid_choice {options}`, `invalid_type`, `unknown_field`, `invalid`.
 */
import type { core } from 'zod';
import type { FieldError } from '../core/errors.js';
import { MULTI_LINE_PATTERN, SINGLE_LINE_PATTERN } from '../core/text.js';

type Issue = core.$ZodIssue;

function classify(issue: Issue): Pick<FieldError, 'code' | 'params'> {
  switch (issue.code) {
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'too_long', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_many', params: { max } };
      return { code: 'out_of_range', params: { max } };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { code: 'required' } : { code: 'too_short', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return min <= 1 ? { code: 'required' } : { code: 'too_few', params: { min } };
      return { code: 'out_of_range', params: { min } };
    }
    case 'invalid_format': {
      if (issue.format === 'email') return { code: 'invalid_email' };
      if (issue.format === 'url') return { code: 'invalid_url' };
      if (issue.format === 'regex' && 'pattern' in issue) {
        const pattern = String(issue.pattern);
        if (pattern === String(SINGLE_LINE_PATTERN)) return { code: 'not_single_line' };
        if (pattern === String(MULTI_LINE_PATTERN)) return { code: 'invalid_text' };
      }
      return { code: 'invalid_format' };
    }
    case 'invalid_type':
      // Zod leaves the input out of its issues; its message says when nothing was sent.
      return /received undefined/.test(issue.message) ? { code: 'required' } : { code: 'invalid_type', params: { expected: issue.expected } };
    case 'invalid_value':
      return { code: 'invalid_choice', params: { options: issue.values.map(String) } };
    default:
      return { code: 'invalid' };
  }
}

/** The field errors of a refused request part (`body`, `query`, `param`). */
export function fieldErrors(target: string, issues: readonly Issue[]): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    const path = [target, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'is not a field this request takes', code: 'unknown_field' }));
    }
    return [{ field: path.join('.'), message: issue.message, ...classify(issue) }];
  });
}
