import { describe, expect, it } from 'vitest';
import { emptyRepoContext } from './context';
import { scanDjangoSettings, scanDockerfile, scanExpressSetup, scanTemplate, scanWorkflow } from './config-files';

const brief = (hits: { ruleId: string; line: number }[]) => hits.map((h) => `${h.line} ${h.ruleId}`);

describe('Dockerfile checks', () => {
  it('reports root user, unpinned images, ADD of URLs, secrets in ENV, apt without cleanup and curl | sh', () => {
    const text = [
      'FROM node AS build', // 1 unpinned
      'RUN apt-get update && apt-get install -y git', // 2
      'ENV API_TOKEN=abc123def NODE_ENV=production', // 3
      'ADD https://example.com/tool.tgz /opt/', // 4
      'RUN curl -fsSL https://get.example.sh | sh', // 5
      'FROM node:20.11-alpine', // 6 final stage, no USER
      'COPY --from=build /app /app',
      'ENV DB_PASSWORD=$DB_PASSWORD',
    ].join('\n');
    expect(brief(scanDockerfile(text))).toEqual(['1 docker/unpinned-base-image', '6 docker/root-user', '2 docker/apt-no-cleanup', '3 docker/secret-in-env', '4 docker/add-from-url', '5 docker/curl-pipe-shell']);
  });

  it('accepts a careful Dockerfile', () => {
    const text = [
      'FROM node:20.11-alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000 AS build',
      'RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
      'FROM build',
      'USER node',
      'CMD ["node", "server.js"]',
    ].join('\n');
    expect(scanDockerfile(text)).toEqual([]);
  });
});

describe('GitHub Actions checks', () => {
  it('reports script injection, unpinned third-party actions, pull_request_target checkouts and write-all', () => {
    const text = [
      'on:',
      '  pull_request_target:',
      'permissions: write-all', // 3
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4', // first party: fine
      '        with:',
      '          ref: ${{ github.event.pull_request.head.sha }}', // 10
      '      - uses: tj-actions/changed-files@v44', // 11
      '      - uses: docker/login-action@0d4c9c5ea7693da7b068278f7b52bda2a190a446', // pinned
      '      - run: |',
      '          echo "Title: ${{ github.event.pull_request.title }}"', // 14
      '      - env:',
      '          TITLE: ${{ github.event.pull_request.title }}', // env: fine
      '        run: echo "$TITLE"',
    ].join('\n');
    expect(brief(scanWorkflow(text))).toEqual(['3 actions/write-all-permissions', '10 actions/pull-request-target-checkout', '11 actions/unpinned-action', '14 actions/script-injection']);
  });
});

describe('template checks', () => {
  it('reports autoescape off and unescaped output, not escaped output or includes', () => {
    expect(brief(scanTemplate('views/a.html', '{% autoescape false %}\n{{ bio }}\n{% endautoescape %}\n{{ name }}'))).toEqual(['1 templates/autoescape-disabled']);
    expect(brief(scanTemplate('views/a.ejs', '<%- include("header") %>\n<p><%= user.name %></p>\n<p><%- user.bio %></p>'))).toEqual(['3 templates/unescaped-output']);
    expect(brief(scanTemplate('views/a.hbs', '<p>{{name}}</p>\n<p>{{{bio}}}</p>'))).toEqual(['2 templates/unescaped-output']);
    expect(brief(scanTemplate('templates/a.html', '<p>{{ bio|safe }}</p>'))).toEqual(['1 templates/unescaped-output']);
    expect(scanTemplate('public/index.html', '<p>no template syntax</p>')).toEqual([]);
  });
});

describe('Express setup checks', () => {
  const app = ["const express = require('express');", "const session = require('express-session');", 'const app = express();', "app.use(session({ secret: process.env.S }));", "app.post('/transfer', transfer);"].join('\n');

  it('reports missing security headers and CSRF protection from what the repository depends on', () => {
    expect(brief(scanExpressSetup(app, emptyRepoContext()))).toEqual(['3 argus/missing-security-headers', '4 argus/missing-csrf-protection']);
    const ctx = { ...emptyRepoContext(), dependencies: new Set(['helmet', 'csrf-csrf']) };
    // Declared but never applied is no protection.
    const unapplied = scanExpressSetup(app, ctx);
    expect(brief(unapplied)).toEqual(['4 argus/missing-csrf-protection']);
    expect(unapplied[0]!.message).toContain('csrf-csrf is a dependency, but this app never applies it');
    const applied = `${app}\nconst { doubleCsrf } = require('csrf-csrf');\napp.use(doubleCsrf(opts).doubleCsrfProtection);`;
    expect(scanExpressSetup(applied, ctx)).toEqual([]);
    expect(scanExpressSetup(`${app}\nconst { csrfProtection } = require('./security');\napp.use(csrfProtection);`, ctx)).toEqual([]);
  });

  it('ignores files that do not create an Express app', () => {
    expect(scanExpressSetup("const router = require('express').Router();\nrouter.post('/x', h);", emptyRepoContext())).toEqual([]);
  });
});

describe('Django settings', () => {
  it('reports DEBUG = True in a settings module, not DEBUG read from the environment', () => {
    expect(brief(scanDjangoSettings("INSTALLED_APPS = []\nDEBUG = True\n"))).toEqual(['2 python/django-debug']);
    expect(scanDjangoSettings("INSTALLED_APPS = []\nDEBUG = os.environ.get('DEBUG') == '1'\n")).toEqual([]);
    expect(scanDjangoSettings('DEBUG = True\n')).toEqual([]);
  });
});
