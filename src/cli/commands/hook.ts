/**
 * `envguard hook [claude|cursor|windsurf|gemini]`: what an AI tool's hook runs before an agent's
 * shell command or file read (the tools' settings written by `envguard protect` call it). Reads the
 * tool's JSON on stdin and answers in that tool's format: nothing when allowed, a block naming the
 * rule otherwise (core/ai-ignore/hook). Without TOOL, the tool is recognised from the payload.
 */
import { HOOK_TOOLS, MAX_PAYLOAD_BYTES, runHook, type HookTool } from '../../core/ai-ignore';
import { parseCommandArgs } from '../args';
import { CliError, type CliIO, type Command } from '../io';
import { hookTable } from './hook.table';

export const hookCommand: Command = async (argv: string[], io: CliIO): Promise<number> => {
  const { positionals } = parseCommandArgs(argv, hookTable.options);
  if (positionals.length > 1) throw new CliError(`expected at most one TOOL, got ${positionals.length}`);
  const tool = positionals[0];
  if (tool !== undefined && !(HOOK_TOOLS as readonly string[]).includes(tool)) throw new CliError(`unknown tool '${tool}': expected one of ${HOOK_TOOLS.join(', ')}`);
  const answer = runHook(tool as HookTool | undefined, await readPayload(), { vaultHome: io.env['ENVGUARD_HOME'] });
  if (answer.stdout !== '') io.stdout.write(answer.stdout);
  if (answer.stderr !== '') io.stderr.write(answer.stderr);
  return answer.exitCode;
};

/** Standard input, up to one byte past the limit (enough to know it is too large). */
async function readPayload(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    size += buffer.length;
    if (size > MAX_PAYLOAD_BYTES) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The entry point dist/cli.js loads for `envguard hook`. */
export const command = hookCommand;
