import { z } from 'zod';
import { allRuleDocs, ruleDoc, type RuleDoc } from '@argus/activities';
import { defineRoute } from '../http/route';
import { NotFoundError } from '../http/errors';
import { ZCategory, ZSeverity } from '../runs/runs.schemas';

// The rule catalogue (activities/src/analyzers/rules): the same for every workspace, so any signed-in user may read it.

const LANGUAGES = ['javascript', 'python', 'any', 'docker', 'github-actions', 'templates'] as const;

const ZRuleDoc = z
  .object({
    id: z.string(),
    tool: z.string(),
    language: z.enum(LANGUAGES),
    title: z.string(),
    category: ZCategory,
    severity: ZSeverity,
    cwe: z.array(z.string()),
    owasp: z.array(z.string()),
    description: z.string(),
    why: z.string(),
    fix: z.string(),
    noncompliant: z.string().nullable(),
    compliant: z.string().nullable(),
    helpUri: z.string(),
  })
  .meta({ id: 'RuleDoc' });

const ZRulesPage = z
  .object({ items: z.array(ZRuleDoc), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'RulesPage' });

const toPublic = (r: RuleDoc) => ({ ...r });

export const ruleRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/rules',
    summary: 'Rules Argus can report, with their documentation, filtered and paginated',
    tags: ['rules'],
    auth: 'user',
    query: z.object({
      language: z.enum(LANGUAGES).optional(),
      category: ZCategory.optional(),
      severity: ZSeverity.optional(),
      q: z.string().trim().max(200).optional().meta({ description: 'Matches the id, title, description or a CWE' }),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
    }),
    responses: { 200: { description: 'a page of rules, by id', schema: ZRulesPage } },
    handler: async ({ query }) => {
      const q = query.q?.toLowerCase();
      const rules = allRuleDocs().filter(
        (r) =>
          (!query.language || r.language === query.language || (r.language === 'any' && (query.language === 'javascript' || query.language === 'python'))) &&
          (!query.category || r.category === query.category) &&
          (!query.severity || r.severity === query.severity) &&
          (!q || r.id.toLowerCase().includes(q) || r.title.toLowerCase().includes(q) || r.description.toLowerCase().includes(q) || r.cwe.some((c) => c.toLowerCase() === q)),
      );
      const start = (query.page - 1) * query.pageSize;
      return { items: rules.slice(start, start + query.pageSize).map(toPublic), total: rules.length, page: query.page, pageSize: query.pageSize };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/rules/doc',
    summary: 'The documentation of one rule',
    tags: ['rules'],
    auth: 'user',
    query: z.object({ id: z.string().min(1).max(300).meta({ description: 'Full rule id, e.g. taint/sql-injection or eslint/no-eval' }) }),
    responses: { 200: { description: 'the rule', schema: ZRuleDoc } },
    handler: async ({ query }) => {
      const doc = ruleDoc(query.id);
      if (!doc) throw new NotFoundError(`Argus has no documentation for the rule ${query.id}; rules of imported SARIF are documented by their own tool.`);
      return toPublic(doc);
    },
  }),
];
