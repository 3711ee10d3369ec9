import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LoaderFinder, ProjectFinder } from '../../../src/core/project';
import { composeEnvFiles } from '../../../src/core/project/compose-files';

/** A repository with the given files (paths relative to it); `null` makes a folder. */
function repo(files: Record<string, string | null>): { dir: string; loaders: (file: string) => Promise<unknown>; cleanup: () => void } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'envguard-loaders-')));
  mkdirSync(path.join(dir, '.git'));
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, ...name.split('/'));
    if (content === null) mkdirSync(p, { recursive: true });
    else {
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, content);
    }
  }
  const finder = new LoaderFinder(new ProjectFinder(() => dir));
  return {
    dir,
    loaders: async (file) => {
      const found = await finder.loadersOf(path.join(dir, file));
      return { dialects: found.dialects, source: found.source };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe('loaders: which programs read an env file', () => {
  it('is dotenv when nothing says otherwise', async () => {
    const r = repo({ '.env': 'A=1\n', 'README.md': 'python-dotenv is mentioned here only' });
    try {
      assert.deepEqual(await r.loaders('.env'), { dialects: ['dotenv'], source: 'default' });
    } finally {
      r.cleanup();
    }
  });

  it('is python-dotenv when requirements*.txt, requirements/*.txt, pyproject.toml or Pipfile names it (or pydantic-settings)', async () => {
    for (const [file, content] of <[string, string][]>[
      ['requirements.txt', 'flask==3.0\npython-dotenv==1.0.1\n'],
      ['requirements-dev.txt', 'python_dotenv>=1\n'],
      ['requirements/base.txt', 'Python-Dotenv\n'],
      ['pyproject.toml', '[project]\ndependencies = ["python-dotenv>=1.0", "httpx"]\n'],
      ['Pipfile', '[packages]\npython-dotenv = "*"\n'],
      ['pyproject.toml', '[tool.poetry.dependencies]\npydantic-settings = "^2"\n'],
    ]) {
      const r = repo({ '.env': 'A=1\n', [file]: content });
      try {
        assert.deepEqual(await r.loaders('.env'), { dialects: ['python-dotenv'], source: 'inferred' }, file);
      } finally {
        r.cleanup();
      }
    }
  });

  it('is not python-dotenv for a requirement that only resembles it', async () => {
    const r = repo({ '.env': 'A=1\n', 'requirements.txt': 'python-dotenv-vault\nmy-python-dotenv\n' });
    try {
      assert.deepEqual(await r.loaders('.env'), { dialects: ['dotenv'], source: 'default' });
    } finally {
      r.cleanup();
    }
  });

  it('is python-dotenv for a Django project whose settings module (from manage.py) loads it', async () => {
    const manage = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n";
    const r = repo({ '.env': 'A=1\n', 'manage.py': manage, 'mysite/settings.py': 'from dotenv import load_dotenv\nload_dotenv()\n' });
    const plain = repo({ '.env': 'A=1\n', 'manage.py': manage, 'mysite/settings.py': 'import environ\n' });
    try {
      assert.deepEqual(await r.loaders('.env'), { dialects: ['python-dotenv'], source: 'inferred' });
      assert.deepEqual(await plain.loaders('.env'), { dialects: ['dotenv'], source: 'default' }, 'django-environ is not python-dotenv');
    } finally {
      r.cleanup();
      plain.cleanup();
    }
  });

  it('is dotenv for a Node project, and both when the nearest folder with a signal has both', async () => {
    const r = repo({ '.env': 'A=1\n', 'package.json': '{}', 'requirements.txt': 'python-dotenv\n' });
    try {
      assert.deepEqual(await r.loaders('.env'), { dialects: ['python-dotenv', 'dotenv'], source: 'inferred' });
    } finally {
      r.cleanup();
    }
  });

  it('takes the nearest folder with a signal: a Python service inside a Node monorepo', async () => {
    const r = repo({ 'package.json': '{}', '.env': 'A=1\n', 'services/api/requirements.txt': 'python-dotenv\n', 'services/api/.env': 'A=1\n', 'services/api/config/.env.local': 'A=1\n' });
    try {
      assert.deepEqual(await r.loaders('.env'), { dialects: ['dotenv'], source: 'inferred' });
      assert.deepEqual(await r.loaders('services/api/.env'), { dialects: ['python-dotenv'], source: 'inferred' });
      assert.deepEqual(await r.loaders('services/api/config/.env.local'), { dialects: ['python-dotenv'], source: 'inferred' });
    } finally {
      r.cleanup();
    }
  });

  it('adds compose for a file a compose file names in env_file, and for the .env beside a compose file', async () => {
    const compose = [
      'services:',
      '  web:',
      '    env_file: ./config/web.env',
      '  worker:',
      '    env_file:',
      '      - path: ./config/worker.env',
      '        required: false',
      '      - config/raw.env',
      '  db:',
      '    env_file: [db.env]',
      '  raw:',
      '    env_file:',
      '      - path: ./config/other.env',
      '        format: raw',
    ].join('\n');
    const r = repo({ 'docker-compose.yml': compose, 'requirements.txt': 'python-dotenv\n', '.env': '', 'config/web.env': '', 'config/worker.env': '', 'config/raw.env': '', 'db.env': '', 'config/other.env': '' });
    try {
      assert.deepEqual(await r.loaders('config/web.env'), { dialects: ['python-dotenv', 'compose'], source: 'inferred' });
      assert.deepEqual(await r.loaders('config/worker.env'), { dialects: ['python-dotenv', 'compose'], source: 'inferred' });
      assert.deepEqual(await r.loaders('config/raw.env'), { dialects: ['python-dotenv', 'compose'], source: 'inferred' });
      assert.deepEqual(await r.loaders('db.env'), { dialects: ['python-dotenv', 'compose'], source: 'inferred' });
      assert.deepEqual(await r.loaders('.env'), { dialects: ['python-dotenv', 'compose'], source: 'inferred' });
      assert.deepEqual(await r.loaders('config/other.env'), { dialects: ['python-dotenv'], source: 'inferred' }, 'a raw env file is not parsed by compose');
    } finally {
      r.cleanup();
    }
  });

  it('takes what .envguard.json says: the environment\'s loader, else the nearest "loader"', async () => {
    const r = repo({
      '.envguard.json': '{ "loader": "python-dotenv", "environments": { "docker": { "files": ["deploy/*.env"], "loader": ["compose"] } } }',
      'package.json': '{}',
      '.env': '',
      'deploy/app.env': '',
      'web/.envguard.json': '{ "loader": ["dotenv", "compose"] }',
      'web/.env': '',
    });
    try {
      assert.deepEqual(await r.loaders('.env'), { dialects: ['python-dotenv'], source: 'declared' });
      assert.deepEqual(await r.loaders('deploy/app.env'), { dialects: ['compose'], source: 'declared' });
      assert.deepEqual(await r.loaders('web/.env'), { dialects: ['dotenv', 'compose'], source: 'declared' });
    } finally {
      r.cleanup();
    }
  });

  it('refuses an unknown loader in .envguard.json, naming the choices', async () => {
    const r = repo({ '.envguard.json': '{ "loader": "ruby-dotenv" }', '.env': '' });
    try {
      await assert.rejects(r.loaders('.env'), /"loader" must be "dotenv", "python-dotenv", "compose" or a list of them/);
    } finally {
      r.cleanup();
    }
  });

  it('reads env_file from compose files of every shape, and nothing from broken or hostile YAML', () => {
    assert.deepEqual(composeEnvFiles('services:\n  a:\n    env_file: a.env\n  b:\n    env_file: ["b.env", {path: c.env}]\n  c: {}\n'), ['a.env', 'b.env', 'c.env']);
    assert.deepEqual(composeEnvFiles('services: [1, 2]\n'), []);
    assert.deepEqual(composeEnvFiles('services:\n  a:\n    env_file: [unclosed\n'), []);
    const laughs = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 12; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}]`);
    laughs.push('services:\n  s:\n    env_file: *l');
    assert.deepEqual(composeEnvFiles(laughs.join('\n')), []);
  });
});
