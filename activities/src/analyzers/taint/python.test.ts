import { describe, expect, it } from 'vitest';
import { makeTree } from '../test-helpers';
import { createTaintAnalyzer } from './index';
import { findPythonTaintFlows } from './python';

function flowsOf(code: string): string[] {
  return findPythonTaintFlows('app/views.py', code).map((f) => `${f.startLine} ${f.kind}`);
}

describe('Python taint engine', () => {
  it('follows Django/Flask request data to each kind of sink', () => {
    const code = [
      'import os, pickle, requests, subprocess, yaml', // 1
      'from PIL import ImageMath',
      'from django.shortcuts import redirect',
      'from django.template import Template',
      'from django.utils.safestring import mark_safe', // 5
      'def view(request):',
      "    name = request.POST['name']",
      "    sql = \"SELECT * FROM users WHERE name = '\" + name + \"'\"",
      '    cursor.execute(sql)', // 9
      "    User.objects.raw(f\"SELECT * FROM t WHERE id = {request.GET.get('id')}\")", // 10
      "    url = request.POST.get('url')",
      '    r = requests.get(url)', // 12
      "    filename = os.path.join(os.path.dirname(__file__), request.POST['file'])",
      '    with open(filename) as fh:', // 14
      '        data = fh.read()',
      "    subprocess.Popen('nslookup ' + name, shell=True)", // 16
      "    eval(request.POST.get('expr'))", // 17
      "    ImageMath.eval(request.POST.get('f'), img=img)", // 18
      "    obj = pickle.loads(request.COOKIES['token'])", // 19
      '    return redirect(request.GET.get("next"))', // 20
      'def other(request):',
      "    t = Template(request.POST['bio'])", // 22
      "    html = mark_safe('<b>' + request.GET['q'] + '</b>')", // 23
      "    y = yaml.load(request.FILES['f'].read(), Loader=yaml.Loader)", // 24
    ].join('\n');
    expect(flowsOf(code)).toEqual([
      '9 sql-injection',
      '10 sql-injection',
      '12 ssrf',
      '14 path-traversal',
      '16 command-injection',
      '17 code-injection',
      '18 code-injection',
      '19 deserialization',
      '20 open-redirect',
      '22 template-injection',
      '23 xss',
      '24 deserialization',
    ]);
  });

  it('is cut by conversions, parameters, safe loaders, fixed hosts and constant input', () => {
    const code = [
      'import os, requests, subprocess, yaml',
      'from werkzeug.utils import secure_filename',
      'def view(request):',
      "    uid = int(request.GET['id'])",
      "    cursor.execute('SELECT * FROM t WHERE id = %s', (request.GET['id'],))",
      "    cursor.execute('SELECT * FROM t WHERE id = ' + str(uid))",
      "    requests.get('https://api.example.com/items/' + request.GET['item'])",
      "    open(os.path.join('/srv/files', secure_filename(request.POST['f'])))",
      "    subprocess.run(['ping', '-c', '1', request.POST['host']])",
      "    yaml.load(request.body, Loader=yaml.SafeLoader)",
      "    os.system('ls -la')",
      "    eval('1 + 1')",
      "    return redirect('/home/' + request.GET['page'])",
    ].join('\n');
    expect(flowsOf(code)).toEqual([]);
  });

  it('follows calls to functions of the same file and flags request data written to templates or modules', () => {
    const code = [
      'import os, subprocess',
      'def command_out(command):',
      '    process = subprocess.Popen(command, shell=True, stdout=subprocess.PIPE)', // 3
      '    return process.communicate()',
      '',
      'def api(request):',
      "    ip = request.POST.get('ip')",
      '    command = "nmap " + ip',
      '    res, err = command_out(command)',
      "    code = request.POST.get('code')",
      '    filename = os.path.join(os.path.dirname(__file__), "playground/utility.py")',
      '    f = open(filename, "w")',
      '    f.write(code)', // 13
      '    f.close()',
      '    log = open("/var/log/app.log", "a")',
      '    log.write(code)', // a log file is not code
      '    blog = """{% extends \'base.html\' %}""" + request.POST["blog"]',
      '    path = os.path.join(os.path.dirname(__file__), f"templates/blogs/{uid}.html")',
      '    with open(path, "w+") as out:',
      '        out.write(blog)', // 20
    ].join('\n');
    const flows = findPythonTaintFlows('app/views.py', code);
    expect(flows.map((f) => `${f.startLine} ${f.kind}`)).toEqual(['3 command-injection', '13 code-injection', '20 code-injection']);
    expect(flows[0]!.steps.map((s) => `${s.line} ${s.note}`)).toEqual([
      "7 source: request.POST.get('ip') (data the client controls)",
      '7 assigned to ip',
      '8 built into a string',
      '8 assigned to command',
      '9 passed to command_out()',
      '3 reaches subprocess.Popen() with shell=True',
    ]);
  });

  it('runs as part of the taint analyzer on .py files', async () => {
    const tree = await makeTree({ 'app/views.py': "import requests\ndef v(request):\n    requests.get(request.GET['u'])\n" });
    try {
      const findings = await createTaintAnalyzer().analyze({ root: tree.dir, files: ['app/views.py'] });
      expect(findings.map((f) => `${f.path}:${f.startLine} ${f.ruleId} ${f.severity}`)).toEqual(['app/views.py:3 taint/ssrf high']);
    } finally {
      await tree.cleanup();
    }
  });
});
