import { z } from 'zod';

/**
 * zod's default messages are written for developers ("Too small: expected string to have >=1 characters").
 * These are written for the people who read them in the portal. Schemas that give their own message keep it.
 */
const formats: Record<string, string> = {
  email: 'must be an e-mail address',
  url: 'must be a web address (https://…)',
  uuid: 'must be an id as Argus shows it',
  datetime: 'must be a date and time (ISO 8601)',
  date: 'must be a date (YYYY-MM-DD)',
  regex: 'is not in the expected format',
};

function units(origin: string | undefined, n: number | bigint): string {
  const count = Number(n);
  if (origin === 'string') return `${count} character${count === 1 ? '' : 's'}`;
  if (origin === 'array' || origin === 'set') return `${count} item${count === 1 ? '' : 's'}`;
  return String(count);
}

z.config({
  customError: (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        if (issue.input === undefined) return 'is required';
        return `must be ${issue.expected === 'int' ? 'a whole number' : issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
        return issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint'
          ? `must be at least ${issue.minimum}`
          : `must have at least ${units(issue.origin, issue.minimum)}`;
      case 'too_big':
        return issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint'
          ? `must be at most ${issue.maximum}`
          : `must have at most ${units(issue.origin, issue.maximum)}`;
      case 'invalid_format':
        return formats[issue.format] ?? 'is not in the expected format';
      case 'invalid_value':
        return `must be one of: ${issue.values.map(String).join(', ')}`;
      case 'unrecognized_keys':
        return `has unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}`;
      default:
        return undefined;
    }
  },
});

/** `body.startLine` → "Start line"; the machine path stays in `errors[].path` for forms. */
export function fieldLabel(path: string): string {
  const last = path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? '';
  if (!last || ['body', 'query', 'params'].includes(last)) return 'The request';
  const words = last.replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
