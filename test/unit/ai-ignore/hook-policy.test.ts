/** What `envguard hook` blocks: the shell commands and file reads that would put a secret in front of an agent. */
import * as assert from 'node:assert/strict';
import { envFileIn, judgeCommand, judgeRead, type RuleId } from '../../../src/core/ai-ignore/hook/command-policy';
import { simpleCommands } from '../../../src/core/ai-ignore/hook/shell-words';

function ruleOf(command: string): RuleId | undefined {
  const verdict = judgeCommand(command, { vaultHome: '/srv/vaults/me' });
  return verdict.blocked ? verdict.rule : undefined;
}

describe('envguard hook: the commands it blocks', () => {
  const blocked: Record<string, RuleId> = {
    'cat .env': 'env-file',
    'cat ./app/.env.local': 'env-file',
    'less config/prod.env': 'env-file',
    'head -n 5 .env.production': 'env-file',
    'tail -f .env': 'env-file',
    "grep -i 'password' .env": 'env-file',
    "sed -n '1,5p' .env": 'env-file',
    "awk -F= '{print $2}' .env": 'env-file',
    'cat .env*': 'env-file',
    'cat < .env': 'env-file',
    'while read line; do echo "$line"; done < .env': 'env-file',
    "python3 -c \"print(open('.env').read())\"": 'env-file',
    "node -e \"require('fs').readFileSync('.env','utf8')\"": 'env-file',
    'node --env-file=.env -e "console.log(process.env)"': 'env-file',
    'source .env && echo $DATABASE_URL': 'env-file',
    '. ./.env': 'env-file',
    'cp .env /tmp/x && cat /tmp/x': 'env-file',
    'git diff .env': 'env-file',
    'echo "$(cat .env)"': 'env-file',
    'echo `cat .env`': 'env-file',
    'export $(cat .env | xargs)': 'env-file',
    "bash -c 'cat .env'": 'env-file',
    "sh -lc \"head .env\"": 'env-file',
    "sudo -u root cat .env": 'env-file',
    'timeout 5 cat .env': 'env-file',
    'FOO=1 nice -n 5 cat .env': 'env-file',
    'find . -name .env -exec cat {} \\;': 'env-file',
    'find . -name .env | xargs cat': 'env-file',
    'cat "$(true)"ls .env': 'env-file',
    "eval 'cat .env'": 'env-file',
    'python3 <<EOF\nprint(open(".env").read())\nEOF': 'env-file',
    'printenv': 'env-dump',
    'printenv DATABASE_URL': 'env-dump',
    'env': 'env-dump',
    'env -0': 'env-dump',
    'set': 'env-dump',
    'export -p': 'env-dump',
    'export': 'env-dump',
    'declare -p': 'env-dump',
    'declare -x': 'env-dump',
    'ls && printenv | sort': 'env-dump',
    'envguard run -- printenv': 'env-dump',
    'envguard run --env-file .env -- env': 'env-dump',
    'npx envguard run -- printenv': 'env-dump',
    "envguard run -- sh -c 'echo $DATABASE_URL'": 'run-output',
    "envguard run -- node -e 'console.log(process.env.TOKEN)'": 'run-output',
    "envguard run -- python3 -c 'import os; print(os.environ)'": 'run-output',
    'envguard run -- printf "%s" "$TOKEN"': 'run-output',
    'ls ~/.local/share/envguard': 'vault',
    "cat '/home/me/Library/Application Support/EnvGuard/store.json'": 'vault',
    'cat $ENVGUARD_HOME/key': 'vault',
    'cat /srv/vaults/me/store.json': 'vault',
    'echo x > ~/.local/share/envguard/store.json': 'vault',
    'cat /proc/self/environ': 'proc-environ',
    "tr '\\0' '\\n' < /proc/1/environ": 'proc-environ',
  };
  for (const [command, rule] of Object.entries(blocked)) {
    it(`blocks ${JSON.stringify(command)} (${rule})`, () => assert.equal(ruleOf(command), rule));
  }
});

describe('envguard hook: the commands it lets through', () => {
  const allowed = [
    'npm test',
    'ls -la',
    'ls .env .env.local',
    'cat .env.example',
    'cat .env.local.example',
    'cp .env.example .env',
    'git add .env.example && git commit -m "template"',
    'git status',
    'rm .env.bak.env',
    'touch .env',
    'echo "API_URL=http://localhost" >> .env',
    "cat > NOTES.md <<'EOF'\nPut your keys in .env, then run cat .env\nEOF",
    'envguard scan .env',
    'envguard migrate .env --yes',
    'envguard run --env-file .env -- npm test',
    'envguard run -- node server.js',
    'test -f .env && echo present',
    'code .env',
    'python3 manage.py runserver',
    'node -e "console.log(1 + 1)"',
    'set -euo pipefail',
    'export PATH="$HOME/bin:$PATH"',
    'env NODE_ENV=test npm test',
    'find . -name "*.env" -print',
    'grep -r TODO src',
    'cat .envrc.sample README.md',
    'echo $HOME',
    'command -v printenv',
    '',
  ];
  for (const command of allowed) {
    it(`allows ${JSON.stringify(command)}`, () => assert.equal(ruleOf(command), undefined));
  }
});

describe('envguard hook: file reads', () => {
  it('blocks env files and the vault, allows templates and code', () => {
    assert.ok(judgeRead('/work/app/.env').blocked);
    assert.ok(judgeRead('C:\\work\\app\\.env.production').blocked);
    assert.ok(judgeRead('/home/me/.local/share/envguard/store.json').blocked);
    assert.ok(judgeRead('/proc/self/environ').blocked);
    assert.equal(judgeRead('/work/app/.env.example').blocked, false);
    assert.equal(judgeRead('/work/app/src/env.ts').blocked, false);
    assert.equal(judgeRead('/work/app/.envrc').blocked, false);
  });

  it('names the env file it saw, and nothing of what is in it', () => {
    const verdict = judgeCommand('cat app/.env.local');
    assert.ok(verdict.blocked);
    assert.match(verdict.what, /\.env\.local given to cat/);
    assert.equal(envFileIn('DB=x'), undefined);
  });
});

describe('envguard hook: the shell words', () => {
  it('splits lists, pipelines and substitutions into simple commands, quotes removed', () => {
    const commands = simpleCommands(`A=1 cat "a b" 'c d' e\\ f | grep x; echo "$(date) and \`id\`" > out.txt`);
    assert.deepEqual(commands.map((command) => command.words), [['A=1', 'cat', 'a b', 'c d', 'e f'], ['grep', 'x'], ['echo', ''], ['date'], [' and '], ['id'], ['']]);
    assert.deepEqual(commands.at(-1)?.outputs, ['out.txt']);
    assert.deepEqual(commands.map((command) => [command.interrupted, command.continued]), [[false, false], [false, false], [true, false], [false, false], [true, true], [false, false], [false, true]]);
  });

  it('keeps a here-document body with its command', () => {
    const [command, next] = simpleCommands("python3 - <<-'EOF'\n\tprint(1)\n\tEOF\nls");
    assert.deepEqual(command?.heredocs, ['\tprint(1)']);
    assert.deepEqual(next?.words, ['ls']);
  });

  it('refuses, rather than reads, a command too long or nested too deep to check', () => {
    assert.equal(ruleOf('x'.repeat(1024 * 1024 + 1)), 'unreadable');
    assert.equal(ruleOf("sh -c \"sh -c 'sh -c \\\"sh -c \\\\\\\"sh -c ls\\\\\\\"\\\"'\""), 'unreadable');
  });

  it('finishes on hostile input of a megabyte (no input can stall the hook)', function () {
    this.timeout(60_000);
    for (const unit of ['$(', '"$(', '`', "'", '"', '\\', '<<', '((', 'a=b ', '.env ', ')']) {
      const text = unit.repeat(Math.floor((1024 * 1024) / unit.length));
      const verdict = judgeCommand(text);
      assert.equal(typeof verdict.blocked, 'boolean', unit);
      assert.equal(typeof judgeRead(text).blocked, 'boolean', unit);
    }
  });
});
