import { describe, expect, it } from 'vitest';
import { defaultConfig, loadArgusConfig, parseArgusConfig } from './config';
import { makeTree } from './test-helpers';

describe('.argus.yml', () => {
  it('defaults: every analyzer on, nothing ignored, no new critical or high finding allowed', async () => {
    const tree = await makeTree({ 'README.md': '# x\n' });
    try {
      expect(await loadArgusConfig(tree.dir)).toEqual({ config: defaultConfig(), errors: [], file: null });
      expect(defaultConfig()).toEqual({
        analyzers: { eslint: true, ruff: true, secrets: true, 'ast-grep': true, taint: true, 'config-files': true },
        ignore: [],
        gate: { new: { critical: 0, high: 0 } },
        classify: {},
        rules: {},
      });
    } finally {
      await tree.cleanup();
    }
  });

  it('reads a valid file and merges gate limits with the defaults', () => {
    const { config, errors } = parseArgusConfig(
      ['analyzers:', '  ruff: false', 'ignore:', '  - "docs/**"', '  - fixtures/', 'gate:', '  new:', '    medium: 5', '    high: null'].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(config).toEqual({
      analyzers: { eslint: true, ruff: false, secrets: true, 'ast-grep': true, taint: true, 'config-files': true },
      ignore: ['docs/**', 'fixtures/'],
      gate: { new: { critical: 0, medium: 5 } }, // null removes the high limit
      classify: {},
      rules: {},
    });
  });

  it('reports unknown keys and wrong types readably, and keeps the valid parts', () => {
    const text = [
      'analyzer:', //          line 1: typo of "analyzers"
      '  eslint: false',
      'analyzers:',
      '  eslint: yes', //      line 4: YAML 1.2 has no "yes" boolean
      '  ruff: false',
      '  pylint: true', //     line 6: unknown analyzer
      'ignore:',
      '  - 42', //             line 8
      '  - "vendor-copies/**"',
      'gate:',
      '  new:',
      '    high: -1', //       line 12
      '    medium: 3',
    ].join('\n');
    const { config, errors } = parseArgusConfig(text);
    expect(config).toEqual({
      analyzers: { eslint: true, ruff: false, secrets: true, 'ast-grep': true, taint: true, 'config-files': true },
      ignore: ['vendor-copies/**'],
      gate: { new: { critical: 0, high: 0, medium: 3 } },
      classify: {},
      rules: {},
    });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(Object.keys(byPath).sort()).toEqual(['analyzer', 'analyzers.eslint', 'analyzers.pylint', 'gate.new.high', 'ignore[0]']);
    expect(byPath.analyzer).toBe('line 1: unknown key "analyzer". Did you mean "analyzers"? Allowed here: version, analyzers, ignore, gate, classify, rules. It is ignored.');
    expect(byPath['analyzers.eslint']).toBe('line 4: analyzers.eslint must be true or false (got the string "yes"); using the default');
    expect(byPath['analyzers.pylint']).toContain('Allowed here: eslint, ruff, secrets, ast-grep, taint, config-files');
    expect(byPath['ignore[0]']).toBe('line 8: ignore[0] must be a glob string (got number 42); using the default');
    expect(byPath['gate.new.high']).toMatch(/^line 12: gate\.new\.high must be >= 0 \(got number -1\)/);
  });

  it('never throws: invalid YAML, a list, garbage', () => {
    const broken = parseArgusConfig('analyzers:\n  eslint: [true\n');
    expect(broken.config).toEqual(defaultConfig());
    expect(broken.errors[0]!.message).toMatch(/^\.argus\.yml: invalid YAML at line \d+, column \d+/);

    const list = parseArgusConfig('- a\n- b\n');
    expect(list.config).toEqual(defaultConfig());
    expect(list.errors).toEqual([{ path: '', message: 'the config must be a mapping (got a list); using the default' }]);

    for (const text of ['', '# only a comment\n', '\u0000\u0001\u0002', 'a: &x [*x]', 'ignore: !!binary AAAA', '{"json": true}']) {
      expect(() => parseArgusConfig(text)).not.toThrow();
    }
    expect(parseArgusConfig('ignore:\ngate:\n').config).toEqual(defaultConfig());
  });

  it('accepts .argus.yaml and prefers .argus.yml when both exist', async () => {
    const yamlOnly = await makeTree({ '.argus.yaml': 'analyzers:\n  secrets: false\n' });
    const both = await makeTree({ '.argus.yaml': 'analyzers:\n  secrets: false\n', '.argus.yml': 'analyzers:\n  eslint: false\n' });
    try {
      const a = await loadArgusConfig(yamlOnly.dir);
      expect(a.file).toBe('.argus.yaml');
      expect(a.config.analyzers.secrets).toBe(false);
      const b = await loadArgusConfig(both.dir);
      expect(b.file).toBe('.argus.yml');
      expect(b.config.analyzers).toEqual({ eslint: false, ruff: true, secrets: true, 'ast-grep': true, taint: true, 'config-files': true });
      expect(b.errors).toEqual([{ path: '', message: 'both .argus.yml and .argus.yaml exist; using .argus.yml' }]);
    } finally {
      await yamlOnly.cleanup();
      await both.cleanup();
    }
  });

  it('reads file roles and per-rule settings, and reports bad ones', () => {
    const { config, errors } = parseArgusConfig(
      ['classify:', '  test:', '    - "qa/**"', '  docs:', '    - "handbook/**"', 'rules:', '  eslint/no-console: "off"', '  taint/log-injection: low', '  no-eval: urgent'].join('\n'),
    );
    expect(config.classify).toEqual({ test: ['qa/**'], docs: ['handbook/**'] });
    // The invalid setting falls back to the default; the valid ones are kept.
    expect(config.rules).toEqual({ 'eslint/no-console': 'off', 'taint/log-injection': 'low' });
    expect(errors.map((e) => e.path)).toEqual(['rules.no-eval']);
    expect(errors[0]!.message).toContain('must be one of off, critical, high, medium, low, info (got the string "urgent")');
    const ok = parseArgusConfig(['rules:', '  eslint/no-console: "off"', '  taint/log-injection: low'].join('\n'));
    expect(ok.errors).toEqual([]);
    expect(ok.config.rules).toEqual({ 'eslint/no-console': 'off', 'taint/log-injection': 'low' });
  });
});
