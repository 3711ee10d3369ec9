/**
 * `envguard hook` as the AI tools run it: the built CLI in a child process, the tool's documented
 * payload on stdin, the answer in the tool's documented format.
 */
import * as assert from 'node:assert/strict';
import { fake } from '../support/fakes';
import { makeProject, runCli, type CliResult } from '../support/cli';

const project = makeProject({});
after(() => project.cleanup());

function hook(payload: unknown, ...args: string[]): Promise<CliResult> {
  return runCli(['hook', ...args], { cwd: project.dir, input: typeof payload === 'string' ? payload : JSON.stringify(payload), killAfterMs: 60_000 });
}

const claudeBash = (command: string) => ({
  session_id: 's1', transcript_path: '/tmp/t.jsonl', cwd: project.dir, permission_mode: 'default', hook_event_name: 'PreToolUse',
  tool_name: 'Bash', tool_input: { command, description: 'run', timeout: 120000, run_in_background: false }, tool_use_id: 'toolu_01',
});
const cursorShell = (command: string) => ({ hook_event_name: 'beforeShellExecution', conversation_id: 'c', generation_id: 'g', workspace_roots: [project.dir], command, cwd: project.dir });
const windsurfCommand = (command: string) => ({ agent_action_name: 'pre_run_command', trajectory_id: 't', execution_id: 'e', timestamp: '2026-01-01T00:00:00Z', tool_info: { command_line: command, cwd: project.dir } });
const geminiShell = (command: string) => ({ session_id: 's', transcript_path: '/tmp/t.json', cwd: project.dir, hook_event_name: 'BeforeTool', timestamp: '2026-01-01T00:00:00Z', tool_name: 'run_shell_command', tool_input: { command, description: 'run' } });

describe('envguard hook (CLI, the tools\' documented payloads)', function () {
  this.timeout(120_000);

  it('Claude Code: denies `cat .env` with a PreToolUse permissionDecision naming the rule, and says nothing on `npm test`', async () => {
    const denied = await hook(claudeBash('cat .env'), 'claude');
    assert.equal(denied.code, 0, denied.stderr);
    const output = JSON.parse(denied.stdout) as { hookSpecificOutput: { hookEventName: string; permissionDecision: string; permissionDecisionReason: string } };
    assert.equal(output.hookSpecificOutput.hookEventName, 'PreToolUse');
    assert.equal(output.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(output.hookSpecificOutput.permissionDecisionReason, /\[env-file\]/);
    const allowed = await hook(claudeBash('npm test'), 'claude');
    assert.deepEqual([allowed.code, allowed.stdout, allowed.stderr], [0, '', '']);
  });

  it('Claude Code: denies the Read tool on an env file and lets a template through', async () => {
    const read = (file: string) => ({ ...claudeBash(''), tool_name: 'Read', tool_input: { file_path: `${project.dir}/${file}` } });
    assert.match((await hook(read('.env.production'), 'claude')).stdout, /"permissionDecision":"deny"/);
    assert.equal((await hook(read('.env.example'), 'claude')).stdout, '');
  });

  it('Cursor: answers {"permission":"deny"} with exit code 2 for printenv, {} otherwise; blocks beforeReadFile on .env', async () => {
    const denied = await hook(cursorShell('printenv | grep TOKEN'), 'cursor');
    assert.equal(denied.code, 2);
    const output = JSON.parse(denied.stdout) as { permission: string; user_message: string; agent_message: string };
    assert.equal(output.permission, 'deny');
    assert.match(output.agent_message, /\[env-dump\]/);
    const allowed = await hook(cursorShell('ls -la'), 'cursor');
    assert.deepEqual([allowed.code, allowed.stdout.trim()], [0, '{}']);
    const read = await hook({ hook_event_name: 'beforeReadFile', conversation_id: 'c', generation_id: 'g', workspace_roots: [project.dir], file_path: `${project.dir}/.env`, content: '', attachments: [] }, 'cursor');
    assert.equal(read.code, 2);
    assert.equal((JSON.parse(read.stdout) as { permission: string }).permission, 'deny');
  });

  it('Windsurf: blocks with exit code 2 and the reason on stderr; pre_read_code too', async () => {
    const denied = await hook(windsurfCommand("python3 -c \"print(open('.env').read())\""), 'windsurf');
    assert.equal(denied.code, 2);
    assert.match(denied.stderr, /EnvGuard blocked this \[env-file\]/);
    const read = await hook({ agent_action_name: 'pre_read_code', trajectory_id: 't', execution_id: 'e', timestamp: 'x', tool_info: { file_path: `${project.dir}/config/prod.env` } }, 'windsurf');
    assert.equal(read.code, 2);
    assert.deepEqual([(await hook(windsurfCommand('git status'), 'windsurf')).code], [0]);
  });

  it('Gemini CLI: answers {"decision":"deny"} for `envguard run -- printenv`, and read_file of the vault', async () => {
    const denied = await hook(geminiShell('envguard run -- printenv'), 'gemini');
    assert.equal(denied.code, 0);
    const output = JSON.parse(denied.stdout) as { decision: string; reason: string };
    assert.equal(output.decision, 'deny');
    assert.match(output.reason, /\[env-dump\]/);
    const vault = await hook({ ...geminiShell(''), tool_name: 'read_file', tool_input: { file_path: '/home/me/.local/share/envguard/store.json' } }, 'gemini');
    assert.match(vault.stdout, /"decision":"deny".*\[vault\]/);
    assert.equal((await hook(geminiShell('npm run build'), 'gemini')).stdout.trim(), '{}');
  });

  it('recognises the tool from the payload when no TOOL is given', async () => {
    assert.match((await hook(claudeBash('env'))).stdout, /"permissionDecision":"deny"/);
    assert.equal((await hook(windsurfCommand('cat .env'))).code, 2);
  });

  it('never repeats a value given on the command line in its message', async () => {
    const token = fake.githubToken();
    const answer = await hook(claudeBash(`GITHUB_TOKEN=${token} printenv`), 'claude');
    assert.match(answer.stdout, /"permissionDecision":"deny"/);
    assert.ok(!answer.stdout.includes(token) && !answer.stderr.includes(token));
  });

  it('blocks what it cannot read: not JSON, a Bash call without a command, a payload of no known tool', async () => {
    const notJson = await hook('this is not json', 'claude');
    assert.match(notJson.stdout, /"permissionDecision":"deny".*\[unreadable\]/);
    const noCommand = await hook({ ...claudeBash(''), tool_input: {} }, 'claude');
    assert.match(noCommand.stdout, /\[unreadable\]/);
    const unknown = await hook({ hello: 'world' });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /\[unreadable\]/);
  });

  it('lets through the calls it does not judge, and refuses an unknown TOOL as a usage error', async () => {
    const edit = await hook({ ...claudeBash(''), tool_name: 'Edit', tool_input: { file_path: '/x/.env', old_string: 'a', new_string: 'b' } }, 'claude');
    assert.deepEqual([edit.code, edit.stdout], [0, '']);
    const usage = await hook(claudeBash('ls'), 'copilot');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /unknown tool 'copilot'/);
  });
});
