/**
 * What the taint engine knows about the JavaScript ecosystem: where untrusted data comes from, which calls are
 * dangerous with it, and which calls make it safe. Names, not types: the engine has no type checker, so receivers are
 * recognized by the module they were imported from or by the names code conventionally gives them.
 */

export const SINK_KINDS = [
  'code-injection',
  'command-injection',
  'sql-injection',
  'nosql-injection',
  'open-redirect',
  'ssrf',
  'path-traversal',
  'xss',
  'regex-injection',
  'log-injection',
  'dynamic-import',
  'deserialization',
  'template-injection',
] as const;
export type SinkKind = (typeof SINK_KINDS)[number];

/** Properties of a request object that carry what the client sent. */
export const REQUEST_PROPS = new Set([
  'query', 'body', 'params', 'headers', 'cookies', 'signedCookies', 'url', 'originalUrl', 'path', 'files', 'file', 'rawHeaders',
  'querystring', 'search', 'searchParams', 'nextUrl', 'href', 'hostname', 'host',
]);
/** Methods of a request object whose result is client data (`req.get('X-Forwarded-Host')`, Next's `await request.json()`). */
export const REQUEST_METHODS = new Set(['get', 'header', 'param', 'json', 'text', 'formData']);
/** Names request objects go by in Express, Koa, Fastify, Next and Hapi code. */
export const REQUEST_NAMES = /^(?:req|request|incomingRequest|httpRequest)$/;
/** Koa's context: `ctx.query`, `ctx.request.body`, `ctx.params`. */
export const CONTEXT_NAMES = /^(?:ctx|context)$/;
/** Response objects (for res.send / res.redirect). */
export const RESPONSE_NAMES = /^(?:res|response|reply|resp)$/;
/** Methods that register a route or middleware: their callbacks receive the request as first parameter. */
export const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'route', 'handle', 'handler']);

/** Browser globals whose value the URL (so an attacker's link) controls. */
export const BROWSER_SOURCES = /^(?:(?:window\.|document\.)?location\.(?:search|hash|href|pathname)|document\.URL|document\.documentURI|document\.referrer|window\.name)$/;

/** String and collection methods that return (part of) their tainted receiver. */
export const PROPAGATING_METHODS = new Set([
  'toString', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'slice', 'substring',
  'substr', 'split', 'join', 'concat', 'replace', 'replaceAll', 'padStart', 'padEnd', 'normalize', 'at', 'charAt', 'repeat', 'get', 'getAll',
  'flat', 'toJSON', 'valueOf', 'values', 'entries', 'pop', 'shift', 'first', 'last',
]);
/** Functions that return a tainted value when an argument is tainted. */
export const PROPAGATING_FUNCTIONS = new Set([
  'String', 'decodeURIComponent', 'decodeURI', 'unescape', 'atob', 'JSON.parse', 'Buffer.from', 'Object.assign', 'Array.from', 'util.format',
  'format', 'path.join', 'path.resolve', 'path.normalize', 'join', 'resolve', 'url.resolve', 'url.parse', 'querystring.parse', 'qs.parse',
  'Object.values', 'Object.entries', '_.merge', '_.extend', 'merge', 'structuredClone', 'Promise.resolve',
]);

/** Calls whose result is safe for every sink: numbers, booleans, and functions named for sanitizing. */
export const SANITIZING_FUNCTIONS = /^(?:Number|parseInt|parseFloat|Boolean|Math\.\w+|isNaN|Number\.\w+|(?:\w+\.)*(?:sanitize|escape|encode|purify|clean|quote)\w*|DOMPurify\.sanitize|xss|filterXSS|he\.encode|validator\.escape|uuid\.validate|crypto\.\w+|bcrypt\.\w+|mongoSanitize\.sanitize)$/i;

/** Calls that make a value safe for some sinks only. */
export const PARTIAL_SANITIZERS: [RegExp, SinkKind[]][] = [
  [/^(?:path\.)?basename$/, ['path-traversal', 'command-injection']],
  [/^JSON\.stringify$/, ['log-injection', 'nosql-injection', 'code-injection']],
  [/^(?:encodeURIComponent|encodeURI|querystring\.escape)$/, ['log-injection', 'xss', 'open-redirect', 'ssrf', 'command-injection', 'sql-injection']],
];
