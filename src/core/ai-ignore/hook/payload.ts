/**
 * `envguard hook TOOL`: the JSON a tool sends its hook on stdin, turned into what the agent is about
 * to do (a shell command, a file read, or something this hook does not judge), and the verdict
 * turned into the answer in that tool's documented format. The block message names the rule and
 * what it saw (a file name, a program), never a value. A request that cannot be read is blocked.
 *
 * Claude Code PreToolUse (`tool_name`, `tool_input.command` / `file_path` / `path`); deny =
 *   `hookSpecificOutput.permissionDecision: "deny"` on stdout: https://code.claude.com/docs/en/hooks
 * Cursor `beforeShellExecution` (`command`) and `beforeReadFile` (`file_path`); deny =
 *   `{"permission":"deny"}`, and exit code 2 also blocks: https://cursor.com/docs/agent/hooks
 * Windsurf `pre_run_command` (`tool_info.command_line`) and `pre_read_code` (`tool_info.file_path`);
 *   deny = exit code 2, the reason on stderr: https://docs.windsurf.com/windsurf/cascade/hooks
 * Gemini CLI BeforeTool (`tool_name`, `tool_input`); deny = `{"decision":"deny","reason"}` on stdout:
 *   https://github.com/google-gemini/gemini-cli/blob/main/docs/hooks/reference.md
 */
import { isJsonObject, type JsonObject } from '../../files/jsonc';
import type { HookTool } from '../hook-settings';
import { judgeCommand, judgeRead, type PolicyContext, type Verdict } from './command-policy';

/** What the agent is about to do. */
export type HookRequest =
  | { readonly kind: 'shell'; readonly command: string }
  | { readonly kind: 'read'; readonly files: readonly string[] }
  /** An event or tool this hook does not judge: no decision. */
  | { readonly kind: 'other' }
  /** The payload is not what the tool documents: blocked, since it cannot be checked. */
  | { readonly kind: 'unreadable'; readonly why: string };

/** What the hook process prints and how it exits. */
export interface HookAnswer {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Payloads larger than this are not parsed (blocked). */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

/** Which tool sent `payload`, from the event name each documents (for `envguard hook` without TOOL). */
export function detectTool(payload: JsonObject): HookTool | undefined {
  const event = payload['hook_event_name'];
  if (event === 'PreToolUse') return 'claude';
  if (event === 'BeforeTool') return 'gemini';
  if (event === 'beforeShellExecution' || event === 'beforeReadFile') return 'cursor';
  if (typeof payload['agent_action_name'] === 'string') return 'windsurf';
  return undefined;
}

export function parsePayload(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const obj = (value: unknown): JsonObject => (isJsonObject(value) ? value : {});

function shell(command: unknown): HookRequest {
  return typeof command === 'string' ? { kind: 'shell', command } : { kind: 'unreadable', why: 'no command in the request' };
}

function read(...candidates: unknown[]): HookRequest {
  const files = candidates.flatMap((candidate): unknown[] => (Array.isArray(candidate) ? (candidate as unknown[]) : [candidate])).filter((file): file is string => typeof file === 'string' && file !== '');
  return { kind: 'read', files };
}

export function requestOf(tool: HookTool, payload: JsonObject): HookRequest {
  switch (tool) {
    case 'claude': {
      const input = obj(payload['tool_input']);
      const name = str(payload['tool_name']);
      if (name === 'Bash' || name === 'PowerShell') return shell(input['command']);
      if (name === 'Read') return read(input['file_path']);
      if (name === 'Grep') return read(input['path'], input['glob']);
      return { kind: 'other' };
    }
    case 'cursor': {
      const event = str(payload['hook_event_name']);
      if (event === 'beforeShellExecution') return shell(payload['command']);
      if (event === 'beforeReadFile') return read(payload['file_path']);
      return { kind: 'other' };
    }
    case 'windsurf': {
      const action = str(payload['agent_action_name']);
      const info = obj(payload['tool_info']);
      if (action === 'pre_run_command') return shell(info['command_line']);
      if (action === 'pre_read_code') return read(info['file_path']);
      return { kind: 'other' };
    }
    case 'gemini': {
      const input = obj(payload['tool_input']);
      const name = str(payload['tool_name']);
      if (name === 'run_shell_command') return shell(input['command']);
      if (name === 'read_file') return read(input['file_path'], input['absolute_path']);
      if (name === 'read_many_files') return read(input['include'], input['paths']);
      if (name === 'grep_search' || name === 'search_file_content') return read(input['dir_path'], input['include_pattern'], input['include']);
      return { kind: 'other' };
    }
  }
}

export function judge(request: HookRequest, context: PolicyContext): Verdict {
  switch (request.kind) {
    case 'shell':
      return judgeCommand(request.command, context);
    case 'read':
      for (const file of request.files) {
        const verdict = judgeRead(file, context);
        if (verdict.blocked) return verdict;
      }
      return { blocked: false };
    case 'other':
      return { blocked: false };
    case 'unreadable':
      return { blocked: true, rule: 'unreadable', what: `a request EnvGuard could not check (${request.why})` };
  }
}

/** The message the agent (and the user) read: the rule and what it saw, and what to do instead. */
export function blockMessage(verdict: Extract<Verdict, { blocked: true }>): string {
  return `EnvGuard blocked this [${verdict.rule}]: it would expose ${verdict.what}. Secret values stay out of the agent's context; ask the user to run it themselves if it is needed.`;
}

/** The answer in `tool`'s format: nothing said when allowed (the tool's own approval flow goes on). */
export function answer(tool: HookTool, verdict: Verdict): HookAnswer {
  if (!verdict.blocked) {
    // Cursor and Gemini CLI parse stdout as JSON: an empty object states no decision.
    return { stdout: tool === 'cursor' || tool === 'gemini' ? '{}\n' : '', stderr: '', exitCode: 0 };
  }
  const message = blockMessage(verdict);
  switch (tool) {
    case 'claude':
      return { stdout: `${JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: message } })}\n`, stderr: '', exitCode: 0 };
    case 'cursor':
      return { stdout: `${JSON.stringify({ permission: 'deny', user_message: message, agent_message: message })}\n`, stderr: `${message}\n`, exitCode: 2 };
    case 'windsurf':
      return { stdout: '', stderr: `${message}\n`, exitCode: 2 };
    case 'gemini':
      return { stdout: `${JSON.stringify({ decision: 'deny', reason: message })}\n`, stderr: '', exitCode: 0 };
  }
}

/** The whole hook: payload text in, answer out. `tool` undefined: recognised from the payload. */
export function runHook(tool: HookTool | undefined, payloadText: string, context: PolicyContext): HookAnswer {
  const payload = payloadText.length > MAX_PAYLOAD_BYTES ? undefined : parsePayload(payloadText);
  const sender = tool ?? (payload ? detectTool(payload) : undefined);
  if (sender === undefined) {
    const verdict: Verdict = { blocked: true, rule: 'unreadable', what: 'a request EnvGuard could not check (not a hook payload it knows)' };
    return { stdout: '', stderr: `${blockMessage(verdict)}\n`, exitCode: 2 };
  }
  const request: HookRequest = payload ? requestOf(sender, payload) : { kind: 'unreadable', why: 'not a JSON object, or too large' };
  return answer(sender, judge(request, context));
}
