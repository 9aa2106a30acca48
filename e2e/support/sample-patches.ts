/**
 * Model answers about e2e/fixtures/sample-repo (src/legacy.js), as the loopback LLM servers return them. Test support.
 */

const EQEQEQ_DIFF = [
  '--- a/src/legacy.js',
  '+++ b/src/legacy.js',
  '@@ -14,7 +14,7 @@ function runUserFormula(formula) {',
  ' }',
  ' ',
  ' function isAdmin(user) {',
  "-  return user.role == 'admin';",
  "+  return user.role === 'admin';",
  ' }',
  ' ',
  ' module.exports = { loadPlugin, runUserFormula, isAdmin, DEFAULT_ROLE };',
].join('\n');

/** A correct fix of eslint/eqeqeq at src/legacy.js:17, the way models usually answer (fence, then prose). */
export const GOOD_EQEQEQ_ANSWER = `\`\`\`diff\n${EQEQEQ_DIFF}\n\`\`\`\n\nUse strict equality so that \`user.role\` is compared without type coercion.`;

/** Removes the unused variable at src/legacy.js:12 (eslint/no-unused-vars); the hunk header's counts are wrong on purpose, as models often write them. */
export const GOOD_UNUSED_VAR_ANSWER = [
  'The variable is never read; removing it changes nothing.',
  '',
  '```diff',
  '--- a/src/legacy.js',
  '+++ b/src/legacy.js',
  '@@ -10,5 +10,5 @@',
  ' ',
  ' function runUserFormula(formula) {',
  '-  const unusedCounter = 0;',
  '   return eval(formula);',
  ' }',
  '```',
].join('\n');

/** Applies, but only adds a comment: the analyzers still report the finding, so validation rejects it. */
export const USELESS_EQEQEQ_ANSWER = [
  '```diff',
  '--- a/src/legacy.js',
  '+++ b/src/legacy.js',
  '@@ -15,4 +15,5 @@',
  ' ',
  ' function isAdmin(user) {',
  '+  // roles are always strings here',
  "   return user.role == 'admin';",
  ' }',
  '```',
  'Documented why loose equality is fine.',
].join('\n');

/** A diff whose context is not in the file: `git apply --check` refuses it. */
export const NOT_APPLYING_ANSWER = [
  '```diff',
  '--- a/src/legacy.js',
  '+++ b/src/legacy.js',
  '@@ -16,3 +16,3 @@',
  ' function isAdministrator(account) {',
  "-  return account.kind == 'admin';",
  "+  return account.kind === 'admin';",
  ' }',
  '```',
].join('\n');

/** Prose without a diff. */
export const MALFORMED_ANSWER = 'You should change `==` to `===` on line 17 so the comparison is strict.';

/** Removes the loose comparison but leaves the file unparseable: validation rejects it. */
export const BROKEN_SYNTAX_ANSWER = [
  '```diff',
  '--- a/src/legacy.js',
  '+++ b/src/legacy.js',
  '@@ -16,3 +16,3 @@',
  ' function isAdmin(user) {',
  "-  return user.role == 'admin';",
  "+  return user.role === 'admin' {",
  ' }',
  '```',
].join('\n');
