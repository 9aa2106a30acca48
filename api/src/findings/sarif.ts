import { createHash } from 'node:crypto';
import { z } from 'zod';
import { findingsOfRunWithTriage, findRepositoryById, insertFindings, setRunSummary, summarizeRunFindings, type FindingWithTriage, type NewFinding, type RunRow } from '@argus/db';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '@argus/workflows/contract';
import type { AppDeps } from '../app-deps';
import { FileClassifier, FILE_ROLES, isSafeRelativePath, ruleDoc } from '@argus/activities';

// SARIF is for interchange, not storage: findings live in Postgres and are rendered to SARIF 2.1.0 on demand.
const SECURITY_SEVERITY: Record<string, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', info: '0.0' };
const LEVEL: Record<string, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const TRIAGE_JUSTIFICATION: Record<string, string> = { false_positive: 'false positive', wont_fix: "won't fix", accepted: 'accepted' };

export async function exportRunAsSarif(deps: AppDeps, run: RunRow) {
  const repo = (await findRepositoryById(deps.knex, run.repositoryId))!;
  const findings = await findingsOfRunWithTriage(deps.knex, run.id);
  const rules = new Map<string, { index: number; finding: FindingWithTriage }>();
  for (const f of findings) if (!rules.has(f.ruleId)) rules.set(f.ruleId, { index: rules.size, finding: f });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Argus',
            informationUri: deps.config.PUBLIC_API_URL,
            semanticVersion: '0.1.0',
            rules: [...rules.entries()].map(([id, { finding }]) => sarifRule(id, finding)),
          },
        },
        automationDetails: { id: `argus/${run.repositoryId}/${run.id}` },
        versionControlProvenance: run.commitSha ? [{ repositoryUri: repo.cloneUrl.startsWith('file:') ? `file:///${repo.fullName}` : repo.cloneUrl, revisionId: run.commitSha, ...(run.ref ? { branch: run.ref } : {}) }] : [],
        originalUriBaseIds: { SRCROOT: { description: { text: 'The root of the analyzed repository' } } },
        results: findings.map((f) => {
          const suppressions = f.suppressionKind
            ? [{ kind: 'inSource' as const, status: 'accepted' as const, ...(f.suppressionReason ? { justification: f.suppressionReason } : {}) }]
            : f.triageStatus !== 'open'
              ? [{ kind: 'external' as const, status: 'accepted' as const, justification: [TRIAGE_JUSTIFICATION[f.triageStatus], f.triageReason].filter(Boolean).join(': ') }]
              : undefined;
          return {
            ruleId: f.ruleId,
            ruleIndex: rules.get(f.ruleId)!.index,
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: f.path, uriBaseId: 'SRCROOT' },
                  region: { startLine: f.startLine, startColumn: f.startColumn, endLine: f.endLine, endColumn: Math.max(f.endColumn, 1), ...(f.snippet ? { snippet: { text: f.snippet } } : {}) },
                },
              },
            ],
            ...(f.codeFlow?.length ? { codeFlows: [codeFlowOf(f.codeFlow)] } : {}),
            partialFingerprints: { 'argusFingerprint/v1': f.fingerprint },
            ...(run.isBaseline || run.comparedToRunId ? { baselineState: f.isNew ? 'new' : 'unchanged' } : {}),
            ...(suppressions ? { suppressions } : {}),
            properties: { severity: f.severity, category: f.category, tool: f.tool, 'security-severity': SECURITY_SEVERITY[f.severity], fileRole: f.fileRole, ...(f.cwe?.length ? { cwe: f.cwe } : {}) },
          };
        }),
      },
    ],
  };
}

/** A rule of the export, documented from Argus's rule catalogue (imported SARIF rules keep what their tool said). */
function sarifRule(id: string, finding: FindingWithTriage) {
  const doc = ruleDoc(id);
  const base = { id, name: id.replace(/[^A-Za-z0-9]+/g, '_'), defaultConfiguration: { level: LEVEL[finding.severity] } };
  if (!doc) {
    return {
      ...base,
      shortDescription: { text: `${finding.tool}: ${id}` },
      ...(finding.helpUrl ? { helpUri: finding.helpUrl } : {}),
      properties: { category: finding.category, tags: [finding.category, finding.tool], 'security-severity': SECURITY_SEVERITY[finding.severity] },
    };
  }
  const examples = [doc.noncompliant ? `Noncompliant:\n${doc.noncompliant}` : '', doc.compliant ? `Compliant:\n${doc.compliant}` : ''].filter(Boolean).join('\n\n');
  const fence = (code: string) => `\`\`\`\n${code}\n\`\`\``;
  const tags = [doc.category, doc.tool, ...(doc.category === 'security' ? ['security'] : []), ...doc.cwe.map((c) => `external/cwe/${c.toLowerCase()}`), ...doc.owasp.map((o) => `external/owasp/${o.slice(0, 9).toLowerCase()}`)];
  return {
    ...base,
    shortDescription: { text: doc.title },
    fullDescription: { text: doc.description },
    help: {
      text: [doc.description, `Why it matters: ${doc.why}`, `How to fix: ${doc.fix}`, examples, `More: ${doc.helpUri}`].filter(Boolean).join('\n\n'),
      markdown: [
        doc.description,
        `**Why it matters.** ${doc.why}`,
        `**How to fix.** ${doc.fix}`,
        doc.noncompliant ? `Noncompliant:\n\n${fence(doc.noncompliant)}` : '',
        doc.compliant ? `Compliant:\n\n${fence(doc.compliant)}` : '',
        [...doc.cwe, ...doc.owasp].length ? `Tags: ${[...doc.cwe, ...doc.owasp].join(', ')}` : '',
        `[Documentation](${doc.helpUri})`,
      ]
        .filter(Boolean)
        .join('\n\n'),
    },
    helpUri: doc.helpUri,
    properties: { category: doc.category, tags: [...new Set(tags)], precision: finding.tool === 'taint' ? 'high' : 'medium', 'security-severity': SECURITY_SEVERITY[doc.severity], ...(doc.cwe.length ? { cwe: doc.cwe } : {}) },
  };
}

/** A taint finding's path as one SARIF thread flow: source first, sink last. */
function codeFlowOf(flow: NonNullable<FindingWithTriage['codeFlow']>) {
  return {
    threadFlows: [
      {
        locations: flow.map((s, i) => ({
          location: {
            physicalLocation: { artifactLocation: { uri: s.path, uriBaseId: 'SRCROOT' }, region: { startLine: s.line, startColumn: s.column, endLine: s.endLine, endColumn: Math.max(s.endColumn, 1) } },
            message: { text: s.note },
          },
          kinds: i === 0 ? ['source'] : i === flow.length - 1 ? ['sink'] : ['taint'],
          nestingLevel: 0,
          executionOrder: i + 1,
        })),
      },
    ],
  };
}

// Lines and columns are stored as int4: larger values are refused at the edge, never by Postgres.
const position = z.number().int().min(1).max(2_147_483_647);
const ZRegion = z.object({ startLine: position.optional(), startColumn: position.optional(), endLine: position.optional(), endColumn: position.optional(), snippet: z.object({ text: z.string().optional() }).optional() }).loose();
/** Only http(s) help links are kept: a `javascript:` or `data:` helpUri would be rendered as a link. */
const httpUri = z
  .string()
  .optional()
  .transform((u) => {
    if (!u) return undefined;
    try {
      const url = new URL(u);
      return (url.protocol === 'https:' || url.protocol === 'http:') && u.length <= 2000 ? url.toString() : undefined;
    } catch {
      return undefined;
    }
  });
const ZResult = z
  .object({
    ruleId: z.string().optional(),
    rule: z.object({ id: z.string().optional() }).loose().optional(),
    level: z.enum(['none', 'note', 'warning', 'error']).optional(),
    message: z.object({ text: z.string().optional(), markdown: z.string().optional() }).loose(),
    locations: z.array(z.object({ physicalLocation: z.object({ artifactLocation: z.object({ uri: z.string() }).loose(), region: ZRegion.optional() }).loose().optional() }).loose()).optional(),
    partialFingerprints: z.record(z.string(), z.string()).optional(),
    fingerprints: z.record(z.string(), z.string()).optional(),
    suppressions: z.array(z.object({ kind: z.string().optional(), status: z.string().optional(), justification: z.string().optional() }).loose()).optional(),
    properties: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
const ZRule = z.object({ id: z.string(), helpUri: httpUri, properties: z.record(z.string(), z.unknown()).optional() }).loose();
export const ZSarifLog = z.object({
  version: z.literal('2.1.0', { error: 'only SARIF 2.1.0 is supported' }),
  runs: z.array(z.object({ tool: z.object({ driver: z.object({ name: z.string(), rules: z.array(ZRule).optional() }).loose() }).loose(), results: z.array(ZResult).optional() }).loose()).min(1).max(50),
}).loose();
export type SarifLog = z.infer<typeof ZSarifLog>;

/** The fingerprint Argus's own export puts in `partialFingerprints`: a result carrying it is an Argus finding. */
const ARGUS_FINGERPRINT = 'argusFingerprint/v1';

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.includes(value as T) ? (value as T) : undefined;
}

/**
 * A result's category: what the result or its rule says (`properties.category`, Argus's export), else the first tag
 * that names one, else security for rules with a security severity (GitHub's convention: only security rules carry
 * one), else by severity.
 */
function categoryOf(result: { properties?: Record<string, unknown> }, rule: { properties?: Record<string, unknown> } | undefined, tags: string[], severity: Severity, securitySeverity: unknown, argus: boolean): Category {
  const stated = oneOf(CATEGORIES, result.properties?.category) ?? oneOf(CATEGORIES, rule?.properties?.category);
  if (stated) return stated;
  const tagged = tags.map((t) => t.toLowerCase()).find((t): t is Category => oneOf(CATEGORIES, t) !== undefined);
  if (tagged) return tagged;
  // Argus gives every finding a security-severity (its severity in numbers), so for its own results it says nothing.
  if (securitySeverity !== undefined && !argus) return 'security';
  return severity === 'critical' || severity === 'high' ? 'bug' : 'maintainability';
}

function severityOf(level: string | undefined, securitySeverity: unknown): 'critical' | 'high' | 'medium' | 'low' | 'info' {
  const score = Number(securitySeverity);
  if (Number.isFinite(score) && securitySeverity !== undefined) return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : score > 0 ? 'low' : 'info';
  return level === 'error' ? 'high' : level === 'warning' ? 'medium' : level === 'note' ? 'low' : 'info';
}

/** Adds another tool's results to a run, then recomputes the run's summary and gate. Re-importing is a no-op. */
export async function importSarifIntoRun(deps: AppDeps, run: RunRow, log: SarifLog) {
  let skipped = 0;
  const rows: NewFinding[] = [];
  // Another tool's results in test or docs files are test or docs findings too (paths and naming conventions).
  const classifier = new FileClassifier();
  for (const sarifRun of log.runs) {
    const tool = sarifRun.tool.driver.name.slice(0, 100);
    const rules = new Map((sarifRun.tool.driver.rules ?? []).map((r) => [r.id, r]));
    for (const result of sarifRun.results ?? []) {
      const location = result.locations?.[0]?.physicalLocation;
      const ruleId = result.ruleId ?? result.rule?.id;
      if (!location?.artifactLocation.uri || !ruleId) {
        skipped++;
        continue;
      }
      const rule = rules.get(ruleId);
      const securitySeverity = result.properties?.['security-severity'] ?? rule?.properties?.['security-severity'];
      const tags = [result.properties?.tags, rule?.properties?.tags].flatMap((t) => (Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : []));
      const path = location.artifactLocation.uri.replace(/^file:\/\/\/?/, '').replace(/^\.\//, '');
      // A finding's path is read later (snippets, fixes): only plain paths inside the repository are imported.
      if (!isSafeRelativePath(path) || path.length > 1000) {
        skipped++;
        continue;
      }
      const region = location.region ?? {};
      const snippet = region.snippet?.text?.slice(0, 500) ?? '';
      // An Argus export (this run's or another's) keeps its findings' identity: the same fingerprint, rule, tool,
      // severity and category, so importing it again adds nothing and the triage kept per fingerprint still applies.
      const argusFingerprint = result.partialFingerprints?.[ARGUS_FINGERPRINT];
      const argus = argusFingerprint !== undefined && /^[0-9a-f]{16,128}$/.test(argusFingerprint);
      const severity = (argus ? oneOf(SEVERITIES, result.properties?.severity) : undefined) ?? severityOf(result.level, securitySeverity);
      const findingTool = argus && typeof result.properties?.tool === 'string' ? result.properties.tool.slice(0, 100) : tool;
      const external = result.partialFingerprints ? Object.values(result.partialFingerprints)[0] : result.fingerprints ? Object.values(result.fingerprints)[0] : undefined;
      const fingerprint = argus ? argusFingerprint : createHash('sha256').update(`${tool}|${ruleId}|${path}|${external ?? `${region.startLine}|${snippet}|${result.message.text ?? ''}`}`).digest('hex');
      // In-source suppressions stay suppressions; external ones are Argus's triage, which the fingerprint carries.
      const inSource = result.suppressions?.find((x) => x.kind === 'inSource' && (x.status === undefined || x.status === 'accepted'));
      rows.push({
        runId: run.id,
        repositoryId: run.repositoryId,
        workspaceId: run.workspaceId,
        tool: findingTool,
        ruleId: (argus ? ruleId : `${tool.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}/${ruleId}`).slice(0, 300),
        category: categoryOf(result, rule, tags, severity, securitySeverity, argus),
        severity,
        suppressionKind: inSource ? 'inline' : null,
        suppressionReason: inSource?.justification?.slice(0, 1000) ?? null,
        path,
        startLine: region.startLine ?? 1,
        startColumn: region.startColumn ?? 1,
        endLine: region.endLine ?? region.startLine ?? 1,
        endColumn: region.endColumn ?? region.startColumn ?? 1,
        message: (result.message.text ?? result.message.markdown ?? ruleId).slice(0, 4000),
        snippet,
        helpUrl: rule?.helpUri ?? null,
        fingerprint,
        isNew: false,
        fileRole: argus && (FILE_ROLES as readonly unknown[]).includes(result.properties?.fileRole) ? (result.properties!.fileRole as string) : classifier.roleOf(path),
      });
    }
  }
  const imported = await insertFindings(deps.knex, rows);
  await setRunSummary(deps.knex, run.id, await summarizeRunFindings(deps.knex, run.id));
  return { imported, duplicates: rows.length - imported, skipped };
}
