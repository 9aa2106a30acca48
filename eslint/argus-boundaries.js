// Argus's own lint rules for package boundaries. Plain JS so ESLint loads it without a TypeScript loader.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every table the migrations create, in both spellings knex accepts here (snake_case and camelCase). */
function migratedTables() {
  const dir = path.join(root, 'db/src/migrations');
  const names = new Set();
  for (const file of readdirSync(dir)) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/createTable\(\s*['"]([a-z0-9_]+)['"]/g)) {
      names.add(m[1]);
      names.add(m[1].replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase()));
    }
  }
  return names;
}

const QUERY_BUILDERS = new Set(['knex', 'trx', 'tx', 'db', 'transaction']);
const TABLE_METHODS = new Set(['from', 'join', 'innerJoin', 'leftJoin', 'rightJoin', 'fullOuterJoin', 'into', 'table', 'withSchema', 'hasTable', 'fromRaw', 'joinRaw']);
const RAW_METHODS = new Set(['raw', 'whereRaw', 'selectRaw', 'joinRaw', 'fromRaw', 'orderByRaw', 'havingRaw', 'query']);

function literalText(node) {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join(' ');
  return undefined;
}

function calleeName(callee) {
  if (callee.type === 'Identifier') return { object: callee.name };
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    return { method: callee.property.name, object: callee.object.type === 'MemberExpression' && callee.object.property.type === 'Identifier' ? callee.object.property.name : callee.object.type === 'Identifier' ? callee.object.name : undefined };
  }
  return {};
}

const noTableNames = {
  meta: {
    type: 'problem',
    docs: { description: 'Only db/ names tables: call the owning module in @argus/db instead.' },
    schema: [],
    messages: { table: "Table '{{table}}' is named outside db/. Call a query function of the table's module in @argus/db (db/src/tables) instead." },
  },
  create(context) {
    const tables = migratedTables();
    const tableIn = (text) => {
      const name = text.trim().split(/\s+as\s+|\s+/i)[0];
      return tables.has(name) ? name : undefined;
    };
    const sqlTable = (sql) => {
      for (const m of sql.matchAll(/\b(?:from|join|into|update|table)\s+"?([a-z0-9_]+)"?/gi)) if (tables.has(m[1])) return m[1];
      return undefined;
    };
    return {
      CallExpression(node) {
        const { object, method } = calleeName(node.callee);
        const first = literalText(node.arguments[0]);
        if (first === undefined) return;
        let table;
        if (!method && QUERY_BUILDERS.has(object)) table = tableIn(first);
        else if (method === 'knex' || (method && TABLE_METHODS.has(method))) table = tableIn(first) ?? (method.endsWith('Raw') ? sqlTable(first) : undefined);
        else if (method && RAW_METHODS.has(method)) table = sqlTable(first);
        if (!table && node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' && node.callee.property.name === 'knex' && !method) table = tableIn(first);
        if (table) context.report({ node: node.arguments[0], messageId: 'table', data: { table } });
      },
    };
  },
};

export default { rules: { 'no-table-names': noTableNames } };
