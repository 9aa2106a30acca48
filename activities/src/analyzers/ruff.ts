import { createRequire } from 'node:module';
import { isTestPath, readSource, snippetOf, splitLines } from './source';
import { languageOf, throwIfAborted, compareFindings } from './types';
import type { AnalyzeInput, Analyzer, Category, RawFinding, Severity } from './types';

/**
 * Python through Ruff compiled to WebAssembly (`@astral-sh/ruff-wasm-nodejs`): no subprocess, no Python, and the
 * repository's own ruff/pyproject configuration is never read. `# noqa` comments in the code are honored by Ruff.
 */

type RuffModule = typeof import('@astral-sh/ruff-wasm-nodejs');
type RuffWorkspace = InstanceType<RuffModule['Workspace']>;

interface RuffDiagnostic {
  code: string | null;
  message: string;
  start_location: { row: number; column: number };
  end_location: { row: number; column: number };
}

/** The rules Argus runs: bandit (security), pyflakes (real bugs), syntax/IO errors and bugbear. */
const RUFF_SELECT = ['S', 'F', 'E9', 'B'] as const;

/** Rules that are noise in tests (pytest is built on assert; fixtures hold fake passwords). */
const TEST_ONLY_NOISE = new Set(['S101', 'S105', 'S106', 'S107', 'S311', 'S108']);

let ruffModule: RuffModule | null = null;
function loadRuff(): RuffModule {
  // The package is CommonJS with a synchronous wasm instantiation: require keeps loading lazy and simple.
  ruffModule ??= createRequire(import.meta.url)('@astral-sh/ruff-wasm-nodejs') as RuffModule;
  return ruffModule;
}

/** Ruff's rule names (the struct names in ruff's codes.rs) of the selected rules, for the documentation links. */
export const RULE_STRUCTS: Record<string, string> = Object.fromEntries(
  `S101 Assert|S102 ExecBuiltin|S103 BadFilePermissions|S104 HardcodedBindAllInterfaces|S105 HardcodedPasswordString|
S106 HardcodedPasswordFuncArg|S107 HardcodedPasswordDefault|S108 HardcodedTempFile|S110 TryExceptPass|S112 TryExceptContinue|
S113 RequestWithoutTimeout|S201 FlaskDebugTrue|S202 TarfileUnsafeMembers|S301 SuspiciousPickleUsage|S302 SuspiciousMarshalUsage|
S303 SuspiciousInsecureHashUsage|S304 SuspiciousInsecureCipherUsage|S305 SuspiciousInsecureCipherModeUsage|S306 SuspiciousMktempUsage|
S307 SuspiciousEvalUsage|S308 SuspiciousMarkSafeUsage|S310 SuspiciousURLOpenUsage|S311 SuspiciousNonCryptographicRandomUsage|
S312 SuspiciousTelnetUsage|S313 SuspiciousXMLCElementTreeUsage|S314 SuspiciousXMLElementTreeUsage|S315 SuspiciousXMLExpatReaderUsage|
S316 SuspiciousXMLExpatBuilderUsage|S317 SuspiciousXMLSaxUsage|S318 SuspiciousXMLMiniDOMUsage|S319 SuspiciousXMLPullDOMUsage|
S321 SuspiciousFTPLibUsage|S323 SuspiciousUnverifiedContextUsage|S324 HashlibInsecureHashFunction|S501 RequestWithNoCertValidation|
S502 SslInsecureVersion|S503 SslWithBadDefaults|S504 SslWithNoVersion|S505 WeakCryptographicKey|S506 UnsafeYAMLLoad|
S507 SSHNoHostKeyVerification|S508 SnmpInsecureVersion|S509 SnmpWeakCryptography|S601 ParamikoCall|
S602 SubprocessPopenWithShellEqualsTrue|S603 SubprocessWithoutShellEqualsTrue|S604 CallWithShellEqualsTrue|S605 StartProcessWithAShell|
S606 StartProcessWithNoShell|S607 StartProcessWithPartialPath|S608 HardcodedSQLExpression|S609 UnixCommandWildcardInjection|
S611 DjangoRawSql|S612 LoggingConfigInsecureListen|S701 Jinja2AutoescapeFalse|S702 MakoTemplates|
F401 UnusedImport|F402 ImportShadowedByLoopVar|F403 UndefinedLocalWithImportStar|F404 LateFutureImport|
F405 UndefinedLocalWithImportStarUsage|F406 UndefinedLocalWithNestedImportStarUsage|F407 FutureFeatureNotDefined|
F501 PercentFormatInvalidFormat|F502 PercentFormatExpectedMapping|F503 PercentFormatExpectedSequence|
F504 PercentFormatExtraNamedArguments|F505 PercentFormatMissingArgument|F506 PercentFormatMixedPositionalAndNamed|
F507 PercentFormatPositionalCountMismatch|F508 PercentFormatStarRequiresSequence|F509 PercentFormatUnsupportedFormatCharacter|
F521 StringDotFormatInvalidFormat|F522 StringDotFormatExtraNamedArguments|F523 StringDotFormatExtraPositionalArguments|
F524 StringDotFormatMissingArguments|F525 StringDotFormatMixingAutomatic|F541 FStringMissingPlaceholders|
F601 MultiValueRepeatedKeyLiteral|F602 MultiValueRepeatedKeyVariable|F621 ExpressionsInStarAssignment|
F622 MultipleStarredExpressions|F631 AssertTuple|F632 IsLiteral|F633 InvalidPrintSyntax|F634 IfTuple|F701 BreakOutsideLoop|
F702 ContinueOutsideLoop|F704 YieldOutsideFunction|F706 ReturnOutsideFunction|F707 DefaultExceptNotLast|
F722 ForwardAnnotationSyntaxError|F811 RedefinedWhileUnused|F821 UndefinedName|F822 UndefinedExport|F823 UndefinedLocal|
F841 UnusedVariable|F842 UnusedAnnotation|F901 RaiseNotImplemented|E902 IOError|
B002 UnaryPrefixIncrementDecrement|B003 AssignmentToOsEnviron|B004 UnreliableCallableCheck|B005 StripWithMultiCharacters|
B006 MutableArgumentDefault|B007 UnusedLoopControlVariable|B008 FunctionCallInDefaultArgument|B009 GetAttrWithConstant|
B010 SetAttrWithConstant|B011 AssertFalse|B012 JumpStatementInFinally|B013 RedundantTupleInExceptionHandler|
B014 DuplicateHandlerException|B015 UselessComparison|B016 RaiseLiteral|B017 AssertRaisesException|B018 UselessExpression|
B019 CachedInstanceMethod|B020 LoopVariableOverridesIterator|B021 FStringDocstring|B022 UselessContextlibSuppress|
B023 FunctionUsesLoopVariable|B024 AbstractBaseClassWithoutAbstractMethod|B025 DuplicateTryBlockException|
B026 StarArgUnpackingAfterKeywordArg|B027 EmptyMethodWithoutAbstractDecorator|B028 NoExplicitStacklevel|
B029 ExceptWithEmptyTuple|B030 ExceptWithNonExceptionClasses|B031 ReuseOfGroupbyGenerator|B032 UnintentionalTypeAnnotation|
B033 DuplicateValue|B034 ReSubPositionalArgs|B035 StaticKeyDictComprehension|B904 RaiseWithoutFromInsideExcept|
B905 ZipWithoutExplicitStrict`
    .split('|')
    .map((entry) => entry.trim().split(' ') as [string, string]),
);

/** Kebab case the way Ruff names rules (heck's rules: `SuspiciousURLOpenUsage` → `suspicious-url-open-usage`). */
export function ruleNameFromStruct(struct: string): string {
  const words: string[] = [];
  let start = 0;
  let mode: 'lower' | 'upper' | 'none' = 'none';
  const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
  const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();
  for (let i = 0; i < struct.length; i++) {
    const c = struct[i]!;
    const next = struct[i + 1];
    const nextMode: 'lower' | 'upper' | 'none' = isLower(c) ? 'lower' : isUpper(c) ? 'upper' : mode;
    if (next !== undefined) {
      if (nextMode === 'lower' && isUpper(next)) {
        words.push(struct.slice(start, i + 1));
        start = i + 1;
        mode = 'none';
        continue;
      }
      if (mode === 'upper' && isUpper(c) && isLower(next)) {
        words.push(struct.slice(start, i));
        start = i;
        mode = 'upper';
        continue;
      }
    }
    mode = nextMode;
  }
  words.push(struct.slice(start));
  return words
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase())
    .join('-');
}

export function ruffHelpUrl(code: string): string | null {
  const struct = RULE_STRUCTS[code];
  return struct ? `https://docs.astral.sh/ruff/rules/${ruleNameFromStruct(struct)}/` : null;
}

const S_LOW = new Set(['S101', 'S110', 'S112', 'S311', 'S404', 'S603', 'S606', 'S607']);
const S_MEDIUM = new Set([
  'S103', 'S104', 'S105', 'S106', 'S107', 'S108', 'S113', 'S301', 'S302', 'S303', 'S304', 'S305', 'S306', 'S308', 'S310', 'S312',
  'S313', 'S314', 'S315', 'S316', 'S317', 'S318', 'S319', 'S320', 'S321', 'S323', 'S324', 'S502', 'S503', 'S504', 'S505', 'S508',
  'S509', 'S609', 'S612', 'S702',
]);

const OVERRIDES: Record<string, [Category, Severity]> = {
  F401: ['maintainability', 'low'],
  F402: ['bug', 'low'],
  F403: ['maintainability', 'low'],
  F405: ['maintainability', 'low'],
  F541: ['style', 'info'],
  F841: ['maintainability', 'low'],
  F842: ['maintainability', 'low'],
  F901: ['bug', 'low'],
  B007: ['maintainability', 'low'],
  B008: ['bug', 'low'],
  B009: ['style', 'info'],
  B010: ['style', 'info'],
  B017: ['bug', 'low'],
  B018: ['bug', 'low'],
  B019: ['performance', 'medium'],
  B024: ['maintainability', 'low'],
  B026: ['style', 'info'],
  B027: ['maintainability', 'low'],
  B028: ['maintainability', 'low'],
  B904: ['maintainability', 'low'],
  B905: ['bug', 'low'],
  E722: ['maintainability', 'low'],
};

/** Category and severity of a Ruff rule code. */
export function classifyRuffCode(code: string): { category: Category; severity: Severity } {
  const o = OVERRIDES[code];
  if (o) return { category: o[0], severity: o[1] };
  if (code.startsWith('S')) return { category: 'security', severity: S_LOW.has(code) ? 'low' : S_MEDIUM.has(code) ? 'medium' : 'high' };
  if (code.startsWith('F')) return { category: 'bug', severity: 'medium' };
  if (code.startsWith('E9')) return { category: 'bug', severity: 'medium' };
  if (code.startsWith('E') || code.startsWith('W')) return { category: 'style', severity: 'info' };
  if (code.startsWith('B')) return { category: 'bug', severity: 'medium' };
  return { category: 'maintainability', severity: 'low' };
}

export function createRuffWorkspace(): RuffWorkspace {
  const ruff = loadRuff();
  return new ruff.Workspace({ lint: { select: [...RUFF_SELECT] } }, ruff.PositionEncoding.Utf16);
}

/** Lints one Python source with an existing workspace; `rel` only names the file in the findings. */
export function checkPythonSource(ws: RuffWorkspace, rel: string, text: string): RawFinding[] {
  const diagnostics = ws.check(text) as RuffDiagnostic[];
  const lines = splitLines(text);
  const test = isTestPath(rel);
  const out: RawFinding[] = [];
  for (const d of diagnostics) {
    const syntax = d.code === null || d.code === 'invalid-syntax' || d.code === 'E999';
    const code = syntax ? 'syntax-error' : d.code!;
    if (!syntax && test && TEST_ONLY_NOISE.has(code)) continue;
    const { category, severity } = syntax ? { category: 'bug' as const, severity: 'medium' as const } : classifyRuffCode(code);
    const startLine = Math.max(1, d.start_location.row);
    const endLine = Math.max(startLine, d.end_location.row);
    out.push({
      tool: 'ruff',
      ruleId: `ruff/${code}`,
      category,
      severity,
      path: rel,
      startLine,
      startColumn: Math.max(1, d.start_location.column),
      endLine,
      endColumn: Math.max(1, d.end_location.column),
      message: syntax ? `Syntax error: ${d.message}` : d.message,
      snippet: snippetOf(lines, startLine, endLine),
      helpUrl: syntax ? null : ruffHelpUrl(code),
    });
  }
  return out;
}

export function createRuffAnalyzer(): Analyzer {
  return {
    id: 'ruff',
    languages: ['python'],
    appliesTo: (p) => languageOf(p) === 'python',
    async analyze(input: AnalyzeInput): Promise<RawFinding[]> {
      if (input.files.length === 0) return [];
      const ws = createRuffWorkspace();
      const out: RawFinding[] = [];
      let done = 0;
      try {
        for (const rel of input.files) {
          throwIfAborted(input.signal);
          let text: string | null;
          try {
            text = await readSource(input.root, rel);
          } catch {
            text = null;
          }
          if (text !== null) {
            try {
              out.push(...checkPythonSource(ws, rel, text));
            } catch (err) {
              out.push({
                tool: 'ruff',
                ruleId: 'ruff/internal-error',
                category: 'bug',
                severity: 'info',
                path: rel,
                startLine: 1,
                startColumn: 1,
                endLine: 1,
                endColumn: 1,
                message: `Ruff could not analyze this file: ${String((err as Error)?.message ?? err).slice(0, 200)}`,
                snippet: '',
                helpUrl: null,
              });
            }
          }
          input.onProgress?.(++done);
        }
      } finally {
        ws.free();
      }
      return out.sort(compareFindings);
    },
  };
}
