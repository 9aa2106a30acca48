import { DockerfileParser } from 'dockerfile-ast';
import type { Env as EnvInstruction } from 'dockerfile-ast';
import { repoContextOf, type RepoContext } from './context';
import { readSource, snippetOf, splitLines } from './source';
import { compareFindings, languageOf, throwIfAborted } from './types';
import type { AnalyzeInput, Analyzer, Category, RawFinding, Severity } from './types';

/**
 * Files that are not application code but decide its security: Dockerfiles (parsed with dockerfile-ast), GitHub
 * Actions workflows, server-side templates, and the Express application setup (security headers, CSRF) checked
 * against what the repository's package.json files depend on. Rule ids: `docker/*`, `actions/*`, `templates/*`,
 * `argus/missing-*`.
 */

interface Hit {
  ruleId: string;
  category?: Category;
  severity: Severity;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

const DOCKERFILE = /(?:^|\/)(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?$|\.dockerfile$/i;
const WORKFLOW = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;
const TEMPLATE = /\.(?:ejs|hbs|handlebars|mustache|njk|nunjucks|swig|jinja2?|j2|twig|pug|jade|liquid|html?)$/i;
const SECRET_NAME = /(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)/i;
/** Django settings modules: settings.py, settings/<env>.py, settings_<env>.py. */
const DJANGO_SETTINGS = /(?:^|\/)(?:settings(?:\/[\w-]+)?|settings_[\w-]+)\.py$/;
const FIRST_PARTY_ACTIONS = /^(?:actions|github)\//;
const CSRF_PACKAGES = ['csurf', 'csrf-csrf', 'lusca', 'tiny-csrf', 'csrf-sync', '@dr.pogodin/csurf', 'csrf', 'koa-csrf', '@fastify/csrf-protection'];
const HEADER_PACKAGES = ['helmet', 'koa-helmet', '@fastify/helmet', 'lusca'];

function isConfigFile(p: string): boolean {
  if (DOCKERFILE.test(p) || WORKFLOW.test(p) || TEMPLATE.test(p) || DJANGO_SETTINGS.test(p)) return true;
  const lang = languageOf(p);
  return lang === 'javascript' || lang === 'typescript';
}

export function scanDockerfile(text: string): Hit[] {
  const hits: Hit[] = [];
  const doc = DockerfileParser.parse(text);
  const froms = doc.getFROMs();
  const stages = new Set(froms.map((f) => f.getBuildStage()?.toLowerCase()).filter(Boolean));
  for (const from of froms) {
    const image = from.getImageName();
    if (!image || image === 'scratch' || stages.has(image.toLowerCase()) || /\$/.test(from.getImage() ?? '')) continue;
    const tag = from.getImageTag();
    if (!from.getImageDigest() && (!tag || tag === 'latest')) {
      const r = from.getRange();
      hits.push({ ruleId: 'docker/unpinned-base-image', severity: 'low', line: r.start.line + 1, message: `The base image ${from.getImage()} is not pinned to a version: builds change whenever it is republished. Pin a tag (and digest).` });
    }
  }
  const lastFrom = froms[froms.length - 1];
  if (lastFrom) {
    const start = lastFrom.getRange().start.line;
    const users = doc.getInstructions().filter((i) => i.getKeyword() === 'USER' && i.getRange().start.line > start);
    const lastUser = users[users.length - 1];
    const name = lastUser?.getArgumentsContent()?.trim().split(':')[0];
    if (!lastUser) hits.push({ ruleId: 'docker/root-user', severity: 'medium', line: start + 1, message: 'The final stage sets no USER, so the container runs as root. Add a non-root USER.' });
    else if (name === 'root' || name === '0') hits.push({ ruleId: 'docker/root-user', severity: 'medium', line: lastUser.getRange().start.line + 1, message: 'The container runs as root (USER root). Switch to a non-root user at the end.' });
  }
  for (const ins of doc.getInstructions()) {
    const kw = ins.getKeyword();
    const r = ins.getRange();
    const args = ins.getArgumentsContent() ?? '';
    if (kw === 'ADD' && /(?:^|\s)https?:\/\//i.test(args)) hits.push({ ruleId: 'docker/add-from-url', severity: 'medium', line: r.start.line + 1, endLine: r.end.line + 1, message: 'ADD downloads a URL at build time without an integrity check. Use RUN curl with a checksum, or COPY a vendored file.' });
    if (kw === 'ENV' || kw === 'ARG') {
      const props = kw === 'ENV' ? (ins as EnvInstruction).getProperties().map((p) => [p.getName(), p.getValue()] as const) : [[args.split('=')[0] ?? '', args.includes('=') ? args.slice(args.indexOf('=') + 1) : null] as const];
      for (const [name, value] of props) {
        if (SECRET_NAME.test(name) && value && !/^\$|^\s*$|^["']?\$\{/.test(value) && !/changeme|example|placeholder|dummy/i.test(value)) {
          hits.push({ ruleId: 'docker/secret-in-env', severity: 'high', line: r.start.line + 1, message: `${kw} ${name} holds a literal secret, stored in the image layers for anyone who can pull it. Use build secrets and runtime environment variables.` });
        }
      }
    }
    if (kw === 'RUN') {
      if (/\bapt-get\s+(?:-\S+\s+)*install\b/.test(args) && !/\/var\/lib\/apt\/lists/.test(args)) {
        hits.push({ ruleId: 'docker/apt-no-cleanup', category: 'maintainability', severity: 'low', line: r.start.line + 1, endLine: r.end.line + 1, message: 'apt-get install without removing /var/lib/apt/lists in the same RUN: the package lists stay in the image. Add --no-install-recommends and `rm -rf /var/lib/apt/lists/*`.' });
      }
      if (/\b(?:curl|wget)\b[^|;&]*\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b/.test(args)) hits.push({ ruleId: 'docker/curl-pipe-shell', severity: 'medium', line: r.start.line + 1, endLine: r.end.line + 1, message: 'A downloaded script is piped straight into a shell. Download it, verify a checksum, then run it.' });
    }
  }
  return hits;
}

const UNTRUSTED_EXPR = /\$\{\{\s*(?:github\.event\.(?:issue|pull_request|comment|review|review_comment|pages|commits|head_commit|discussion|workflow_run)[\w.[\]*]*\.(?:title|body|name|message|label|ref|email|head_branch|page_name)|github\.head_ref)\s*\}\}/;

export function scanWorkflow(text: string): Hit[] {
  const hits: Hit[] = [];
  const lines = splitLines(text);
  const prTarget = /^\s*pull_request_target\s*:|^on:\s*\[?[^\n#]*\bpull_request_target\b|^\s*-\s*pull_request_target\s*$/m.test(text);
  let runIndent = -1;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+#.*$/, '');
    const indent = raw.length - raw.trimStart().length;
    if (runIndent >= 0 && raw.trim() !== '' && indent <= runIndent) runIndent = -1;
    const run = /^(\s*)(?:-\s+)?run:\s*(.*)$/.exec(line);
    if (run) runIndent = run[1]!.length;
    if ((run || runIndent >= 0) && UNTRUSTED_EXPR.test(line)) {
      const col = line.search(/\$\{\{/) + 1;
      hits.push({ ruleId: 'actions/script-injection', severity: 'high', line: i + 1, column: col, message: `${UNTRUSTED_EXPR.exec(line)![0]} is pasted into a run: script, so whoever writes it (a PR title, a branch name) runs commands with the workflow's token. Pass it through env: and use "$VAR".` });
    }
    const uses = /^\s*(?:-\s+)?uses:\s*['"]?([^'"\s@]+)@([^'"\s]+)/.exec(line);
    if (uses && !uses[1]!.startsWith('./') && !uses[1]!.startsWith('docker://') && !FIRST_PARTY_ACTIONS.test(uses[1]!) && !/^[0-9a-f]{40}$/.test(uses[2]!)) {
      hits.push({ ruleId: 'actions/unpinned-action', severity: 'medium', line: i + 1, column: line.indexOf(uses[1]!) + 1, message: `${uses[1]}@${uses[2]} is a third-party action pinned to a movable ref. Pin the full commit SHA.` });
    }
    if (prTarget && /^\s*ref:\s*.*\$\{\{\s*github\.(?:event\.pull_request\.head\.(?:sha|ref)|head_ref)\s*\}\}/.test(line)) {
      hits.push({ ruleId: 'actions/pull-request-target-checkout', severity: 'critical', line: i + 1, message: 'This pull_request_target workflow checks out the pull request head: the fork\'s code runs with secrets and a write token. Use pull_request, or a separate workflow_run.' });
    }
    if (/^\s*permissions:\s*write-all\s*$/.test(line)) hits.push({ ruleId: 'actions/write-all-permissions', severity: 'medium', line: i + 1, message: 'permissions: write-all gives every step a token that can push and release. Grant only what the job needs.' });
  });
  return hits;
}

export function scanTemplate(rel: string, text: string): Hit[] {
  const hits: Hit[] = [];
  const lower = rel.toLowerCase();
  const isHtml = /\.html?$/.test(lower);
  // Plain .html is only a template when it has template syntax.
  if (isHtml && !/\{%|\{\{|<%/.test(text)) return hits;
  splitLines(text).forEach((line, i) => {
    const off = /\{%-?\s*autoescape\s+(?:false|off)\s*-?%\}/i.exec(line);
    if (off) hits.push({ ruleId: 'templates/autoescape-disabled', severity: 'high', line: i + 1, column: off.index + 1, endColumn: off.index + off[0].length + 1, message: 'Auto-escaping is turned off in this template block: every variable in it is written as raw HTML (XSS). Keep it on and mark only sanitized values safe.' });
    const patterns: [RegExp, string][] = [
      [/<%-(?!\s*include\b)\s*[^%]+%>/, 'EJS <%- %> writes the value unescaped'],
      [/\{\{\{(?!\{)\s*[^}]+\}\}\}/, 'Triple braces write the value unescaped'],
      [/\{\{[^}]*\|\s*safe\b[^}]*\}\}/, 'The |safe filter writes the value unescaped'],
      [/!\{[^}]+\}/, 'Pug !{} writes the value unescaped'],
    ];
    for (const [re, what] of patterns) {
      if (re === patterns[3]![0] && !/\.(?:pug|jade)$/.test(lower)) continue;
      const m = re.exec(line);
      if (m) hits.push({ ruleId: 'templates/unescaped-output', severity: 'medium', line: i + 1, column: m.index + 1, endColumn: m.index + m[0].length + 1, message: `${what}: if it holds user data, that is XSS. Use the escaping form, or sanitize the HTML first.` });
    }
  });
  return hits;
}

/** Django settings: DEBUG switched on unconditionally (a value read from the environment is not flagged). */
export function scanDjangoSettings(text: string): Hit[] {
  if (!/^\s*(?:INSTALLED_APPS|ROOT_URLCONF|MIDDLEWARE|ALLOWED_HOSTS|DATABASES)\s*=/m.test(text)) return [];
  const hits: Hit[] = [];
  splitLines(text).forEach((l, i) => {
    if (/^DEBUG\s*=\s*True\s*(?:#.*)?$/.test(l)) {
      hits.push({ ruleId: 'python/django-debug', severity: 'medium', line: i + 1, message: 'DEBUG = True in Django settings: error pages show stack traces, settings and SQL to anyone. Read DEBUG from the environment, off by default.' });
    }
  });
  return hits;
}

/** The Express setup: an app without security headers, and cookie sessions with state-changing routes but no CSRF defence. */
export function scanExpressSetup(text: string, ctx: RepoContext): Hit[] {
  const hits: Hit[] = [];
  if (!/require\(\s*['"]express['"]\s*\)|from\s+['"]express['"]/.test(text)) return hits;
  const lines = splitLines(text);
  const appLine = lines.findIndex((l) => /\b(?:express|app)\s*\(\s*\)/.test(l) && /=\s*(?:express)\s*\(\s*\)/.test(l));
  if (appLine < 0) return hits;
  const has = (pkgs: string[]) => pkgs.some((p) => ctx.dependencies.has(p) || new RegExp(`['"]${p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]`).test(text));
  if (!has(HEADER_PACKAGES) && !/Content-Security-Policy|X-Frame-Options/i.test(text)) {
    hits.push({ ruleId: 'argus/missing-security-headers', severity: 'medium', line: appLine + 1, message: 'This Express app sets no security headers (no helmet in the repository): no Content-Security-Policy, X-Frame-Options, HSTS or nosniff, and X-Powered-By is sent. Add app.use(helmet()).' });
  }
  const sessions = /require\(\s*['"](?:express-session|cookie-session)['"]\s*\)|from\s+['"](?:express-session|cookie-session)['"]/.test(text);
  const mutating = /\.(?:post|put|patch|delete)\s*\(/.test(text) || /\.use\(\s*['"][^'"]*['"]\s*,\s*\w+/.test(text);
  // A CSRF package only protects when the app uses it: declared in package.json but never imported here and no csrf
  // middleware mentioned (`app.use(csrfProtection)` from another module) is the same as none.
  const applied = /\bcsrf\w*\b|\bcsurf\b|\blusca\b/i.test(text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ''));
  const declared = CSRF_PACKAGES.filter((p) => ctx.dependencies.has(p));
  if (sessions && mutating && !applied && !/sameSite\s*:\s*['"](?:strict|lax)['"]/i.test(text)) {
    const at = lines.findIndex((l) => /\b(?:session|cookieSession)\s*\(/.test(l));
    const message =
      declared.length > 0
        ? `Cookie sessions and state-changing routes, and ${declared.join(', ')} is a dependency, but this app never applies it (and sets no sameSite cookie): another site can post forms as the signed-in user. Add the CSRF middleware to the app and set sameSite.`
        : 'Cookie sessions and state-changing routes, but no CSRF protection in the repository and no sameSite cookie: another site can post forms as the signed-in user. Add CSRF tokens and sameSite.';
    hits.push({ ruleId: 'argus/missing-csrf-protection', severity: 'medium', line: (at >= 0 ? at : appLine) + 1, message });
  }
  return hits;
}

export function createConfigFilesAnalyzer(): Analyzer {
  return {
    id: 'config-files',
    languages: ['javascript', 'typescript', 'python', 'other'],
    appliesTo: isConfigFile,
    async analyze(input: AnalyzeInput): Promise<RawFinding[]> {
      const ctx = await repoContextOf(input.root);
      const out: RawFinding[] = [];
      let done = 0;
      for (const rel of input.files) {
        throwIfAborted(input.signal);
        let text: string | null = null;
        try {
          text = await readSource(input.root, rel);
        } catch {
          text = null;
        }
        if (text !== null && text.length < 1_000_000 && !text.includes('\0')) {
          let hits: Hit[] = [];
          try {
            if (DOCKERFILE.test(rel)) hits = scanDockerfile(text);
            else if (WORKFLOW.test(rel)) hits = scanWorkflow(text);
            else if (TEMPLATE.test(rel)) hits = scanTemplate(rel, text);
            else if (DJANGO_SETTINGS.test(rel)) hits = scanDjangoSettings(text);
            else hits = scanExpressSetup(text, ctx);
          } catch {
            hits = [];
          }
          const lines = splitLines(text);
          for (const h of hits) {
            const line = lines[h.line - 1] ?? '';
            const endLine = h.endLine ?? h.line;
            out.push({
              tool: 'config-files',
              ruleId: h.ruleId,
              category: h.category ?? 'security',
              severity: h.severity,
              path: rel,
              startLine: h.line,
              startColumn: h.column ?? Math.max(1, line.length - line.trimStart().length + 1),
              endLine,
              endColumn: h.endColumn ?? Math.max(1, (lines[endLine - 1] ?? '').length + 1),
              message: h.message,
              snippet: snippetOf(lines, h.line, endLine),
              helpUrl: null,
            });
          }
        }
        input.onProgress?.(++done);
      }
      return out.sort(compareFindings);
    },
  };
}
