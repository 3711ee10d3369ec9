import * as path from 'node:path';
import type { ProcessInfo } from './process-info';

/**
 * AI coding agents EnvGuard recognises, by the variables they set for the commands they run and by
 * their processes. A hint shown to the human and a key that keeps an agent's commands out of the
 * human's sessions; never the boundary (a variable can be unset, a binary renamed): the boundary is
 * the approval itself.
 *
 * Sources: Claude Code sets CLAUDECODE=1 and CLAUDE_CODE_ENTRYPOINT (anthropics/claude-code#531);
 * Codex sets CODEX_THREAD_ID, and CODEX_SANDBOX inside its sandbox (openai/codex#36883); Gemini CLI
 * sets GEMINI_CLI=1; Goose sets GOOSE_TERMINAL=1 and AGENT=goose, Amp AGENT=amp, opencode AGENT=1
 * (anthropics/claude-code#24838, anomalyco/opencode#1749); pi sets PI_CODING_AGENT
 * (earendil-works/pi#2867); AI_AGENT is the vendor-neutral marker proposed in openai/codex#36883.
 */
interface KnownAgent {
  readonly name: string;
  readonly variables: readonly string[];
  /** Basenames of the executable or, for an interpreter, of the script it runs. */
  readonly programs: readonly string[];
  /** A fragment of a script path: agents shipped as npm packages run as `node …/package/cli.js`. */
  readonly scriptPaths?: readonly string[];
}

const KNOWN_AGENTS: readonly KnownAgent[] = [
  { name: 'Claude Code', variables: ['CLAUDECODE', 'CLAUDE_CODE_ENTRYPOINT'], programs: ['claude'], scriptPaths: ['@anthropic-ai/claude-code'] },
  { name: 'Codex', variables: ['CODEX_THREAD_ID', 'CODEX_SANDBOX', 'CODEX_SANDBOX_NETWORK_DISABLED'], programs: ['codex'], scriptPaths: ['@openai/codex'] },
  { name: 'Gemini CLI', variables: ['GEMINI_CLI'], programs: ['gemini'], scriptPaths: ['@google/gemini-cli'] },
  { name: 'Cursor Agent', variables: ['CURSOR_AGENT'], programs: ['cursor-agent'] },
  { name: 'GitHub Copilot CLI', variables: [], programs: ['copilot'], scriptPaths: ['@github/copilot'] },
  { name: 'Goose', variables: ['GOOSE_TERMINAL'], programs: ['goose'] },
  { name: 'opencode', variables: [], programs: ['opencode'], scriptPaths: ['opencode-ai'] },
  { name: 'Aider', variables: [], programs: ['aider'] },
  { name: 'Amp', variables: [], programs: ['amp'], scriptPaths: ['@sourcegraph/amp'] },
  { name: 'pi', variables: ['PI_CODING_AGENT'], programs: ['pi'] },
];

/** Generic markers: their value names the agent. */
const GENERIC_VARIABLES = ['AI_AGENT', 'AGENT'] as const;

/** Every variable worth reading from a process's environment. */
export const AGENT_VARIABLES: ReadonlySet<string> = new Set([...KNOWN_AGENTS.flatMap((a) => a.variables), ...GENERIC_VARIABLES]);

export interface RecognisedAgent {
  readonly name: string;
  /** How it was recognised, for the human: "process claude (pid 4242)" or "variable CLAUDECODE". */
  readonly evidence: string;
  /** Names this agent's run: its process (pid and start time), or the marker when only a variable tells. */
  readonly identity: string;
}

/**
 * The agent a request runs under: the nearest agent process in its chain, else the markers in its
 * environment. Undefined when nothing tells (which proves nothing: the approval still decides).
 */
export function recogniseAgent(chain: readonly ProcessInfo[], variables: ReadonlyMap<string, string>): RecognisedAgent | undefined {
  for (const info of chain) {
    const agent = agentOfProcess(info);
    if (agent) return { name: agent.name, evidence: `process ${programName(info)} (pid ${info.pid})`, identity: `${agent.name}:${info.pid}@${info.startTime ?? '?'}` };
  }
  for (const agent of KNOWN_AGENTS) {
    const variable = agent.variables.find((v) => variables.has(v));
    if (variable) return { name: agent.name, evidence: `variable ${variable}`, identity: `${agent.name}:variable` };
  }
  for (const variable of GENERIC_VARIABLES) {
    const value = variables.get(variable)?.trim();
    if (value) {
      const name = /^(1|true|yes)$/i.test(value) ? 'an AI agent' : value.slice(0, 40);
      return { name, evidence: `variable ${variable}`, identity: `${name}:variable` };
    }
  }
  return undefined;
}

function agentOfProcess(info: ProcessInfo): KnownAgent | undefined {
  const names = [info.exe, info.argv[0], scriptOf(info)].filter((n): n is string => !!n).map((n) => path.basename(n));
  const script = scriptOf(info);
  return KNOWN_AGENTS.find((agent) => agent.programs.some((p) => names.includes(p))
    || (script !== undefined && (agent.scriptPaths ?? []).some((fragment) => script.includes(`/${fragment}/`))));
}

/** The script an interpreter (node, python, bun, deno) runs: its first argument that is not an option. */
function scriptOf(info: ProcessInfo): string | undefined {
  const program = path.basename(info.exe ?? info.argv[0] ?? '');
  if (!/^(node|nodejs|bun|deno|python[0-9.]*)$/.test(program)) return undefined;
  return info.argv.slice(1).find((a) => !a.startsWith('-'));
}

function programName(info: ProcessInfo): string {
  return path.basename(scriptOf(info) ?? info.exe ?? info.argv[0] ?? String(info.pid));
}
