/**
 * Reaching the test Secrets Manager from tests: the real @aws-sdk/client-secrets-manager in this
 * process, and the independent clients (the `aws` CLI, `curl --aws-sigv4`) as child processes with a
 * clean environment: the test server's endpoint and CA, the test credentials, no shared config files,
 * and AWS_EC2_METADATA_DISABLED=true (the credential chain must never probe 169.254.169.254).
 */
import { SecretsManagerClient, type SecretsManagerClientConfig, type SecretsManagerServiceException } from '@aws-sdk/client-secrets-manager';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { testCertificates } from '../../../servers/keyvault/certs';
import { AwsSecretsManagerTestServer, TEST_CREDENTIALS } from '../../../servers/aws-secrets-manager/server';
import { useTestServer } from './use-server';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
// The SDK warns once per process that its releases after the first week of January 2027 need Node 22
// (this pinned one runs on Node 20): known, and said in the server's README, so kept out of test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export function useAwsServer(): { readonly server: AwsSecretsManagerTestServer } {
  return useTestServer(() => AwsSecretsManagerTestServer.start());
}

/** The SDK's error for a call that must be rejected: its code (name), HTTP status and message. */
export async function rejection(promise: Promise<unknown>): Promise<{ name: string; status?: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as SecretsManagerServiceException;
    return { name: e.name, message: e.message, ...(e.$metadata?.httpStatusCode !== undefined ? { status: e.$metadata.httpStatusCode } : {}) };
  }
  throw new Error('expected the call to be rejected');
}

let agent: Agent | undefined;

/** The real SDK client, pointed at the server (as AWS_ENDPOINT_URL_SECRETS_MANAGER would) and trusting the test CA. */
export function sdkClient(server: AwsSecretsManagerTestServer, config: Partial<SecretsManagerClientConfig> = {}): SecretsManagerClient {
  agent ??= new Agent({ ca: testCertificates().ca, keepAlive: true });
  return new SecretsManagerClient({
    region: server.region,
    endpoint: server.endpoint,
    credentials: TEST_CREDENTIALS,
    requestHandler: { httpsAgent: agent },
    ...config,
  });
}

let home: string | undefined;

/** A child's environment with nothing of this machine's AWS configuration in it (an empty HOME). */
export function cleanAwsEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  home ??= mkdtempSync(path.join(os.tmpdir(), 'envguard-aws-home-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^AWS_|^NODE_EXTRA_CA_CERTS$/.test(key)) env[key] = value;
  return {
    ...env,
    HOME: home,
    AWS_CONFIG_FILE: path.join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

export interface ChildResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a child without blocking this process's event loop (the server lives in it). */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolve) => {
    execFile(command, args, { env, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/**
 * The `aws` CLI on PATH (this machine kind ships awscli 1.4x; no registry reachable here serves it), or
 * why there is none: its entry script (through a pyenv shim if there is one) and the Python that runs
 * it, for awsBatch. A CLI too old to know BatchGetSecretValue (Debian's awscli 2.9) counts as none.
 */
export const awsCli: { readonly version?: string; readonly script?: string; readonly python?: string; readonly missing?: string } = (() => {
  const env = cleanAwsEnv();
  const found = spawnSync('aws', ['--version'], { encoding: 'utf8', env });
  if (found.error || found.status !== 0) return { missing: `the aws CLI is not on PATH (${found.error?.message ?? found.stderr.trim()})` };
  const version = `${found.stdout}${found.stderr}`.trim();
  const batch = spawnSync('aws', ['secretsmanager', 'batch-get-secret-value', '--generate-cli-skeleton'], { encoding: 'utf8', env });
  if (batch.status !== 0) return { missing: `${version} has no batch-get-secret-value (an older release: Debian's awscli package is one)` };
  const onPath = spawnSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8', env }).stdout.trim();
  const shim = spawnSync('pyenv', ['which', 'aws'], { encoding: 'utf8', env });
  const script = !shim.error && shim.status === 0 ? shim.stdout.trim() : onPath;
  const shebang = /^#!(\S*python\S*)/.exec(readFileSync(script, 'utf8').split('\n', 1)[0] ?? '')?.[1];
  return { version, script, ...(shebang ? { python: shebang } : {}) };
})();

export interface AwsCommand {
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  /** false: no --endpoint-url (the environment names the server). */
  readonly endpointFlag?: boolean;
}

export type AwsResult = ChildResult & { readonly json?: unknown };

function awsEnv(server: AwsSecretsManagerTestServer, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return cleanAwsEnv({
    AWS_CA_BUNDLE: testCertificates().caFile,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: server.region,
    AWS_MAX_ATTEMPTS: '3',
    ...extra,
  });
}

function argsOf(server: AwsSecretsManagerTestServer, command: AwsCommand): string[] {
  return ['secretsmanager', ...command.args, ...(command.endpointFlag === false ? [] : ['--endpoint-url', server.endpoint]), '--output', 'json'];
}

function withJson(result: ChildResult): AwsResult {
  return { ...result, ...(result.code === 0 && result.stdout.trim() !== '' ? { json: JSON.parse(result.stdout) as unknown } : {}) };
}

/** `aws secretsmanager …` as a process of its own, against the server. */
export async function aws(server: AwsSecretsManagerTestServer, command: AwsCommand): Promise<AwsResult> {
  return withJson(await run('aws', argsOf(server, command), awsEnv(server, command.env)));
}

/**
 * Several `aws secretsmanager …` commands, in order, in one Python process: the installed `aws` entry
 * script's main() (awscli.clidriver.main, what the command runs) once per command, each with its own
 * argv and environment (./aws_cli_batch.py). Falls back to a process per command without a Python script.
 */
export async function awsBatch(server: AwsSecretsManagerTestServer, commands: readonly AwsCommand[]): Promise<AwsResult[]> {
  if (!awsCli.python || !awsCli.script) {
    const results: AwsResult[] = [];
    for (const command of commands) results.push(await aws(server, command));
    return results;
  }
  const input = commands.map((c) => ({ args: argsOf(server, c), env: Object.fromEntries(Object.entries(awsEnv(server, c.env)).filter((e): e is [string, string] => e[1] !== undefined)) }));
  const result = await new Promise<ChildResult>((resolve) => {
    const child = execFile(awsCli.python!, [path.join(__dirname, 'aws_cli_batch.py'), awsCli.script!], { env: awsEnv(server), encoding: 'utf8', timeout: 120_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? 1 : 0, stdout, stderr });
    });
    child.stdin!.end(JSON.stringify(input));
  });
  if (result.code !== 0) throw new Error(`the aws CLI batch failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as ChildResult[]).map(withJson);
}

/** Why curl cannot sign SigV4 here, if it cannot: a requirement (.ci/run installs Debian's curl), not a skip. */
let curlMissing: string | undefined | null = null;
function curlSignerMissing(): string | undefined {
  if (curlMissing === null) {
    const help = spawnSync('curl', ['--help', 'all'], { encoding: 'utf8' });
    curlMissing = help.error || help.status !== 0 ? `curl is not on PATH (${help.error?.message ?? help.stderr.trim()})`
      : help.stdout.includes('--aws-sigv4') ? undefined : 'this curl has no --aws-sigv4 (7.75 and newer have it)';
  }
  return curlMissing;
}

/** A JSON 1.1 request signed by curl's own SigV4 implementation (`--aws-sigv4`). */
export async function curlSigV4(server: AwsSecretsManagerTestServer, operation: string, input: unknown, options: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string; region?: string; service?: string } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const args = [
    '-sS', '--cacert', testCertificates().caFile,
    '--aws-sigv4', `aws:amz:${options.region ?? server.region}:${options.service ?? 'secretsmanager'}`,
    '--user', `${options.accessKeyId ?? TEST_CREDENTIALS.accessKeyId}:${options.secretAccessKey ?? TEST_CREDENTIALS.secretAccessKey}`,
    '-H', `X-Amz-Target: secretsmanager.${operation}`,
    '-H', 'Content-Type: application/x-amz-json-1.1',
    ...(options.sessionToken ? ['-H', `X-Amz-Security-Token: ${options.sessionToken}`] : []),
    '--data-binary', JSON.stringify(input),
    '-w', '\n%{http_code}',
    `${server.endpoint}/`,
  ];
  const missing = curlSignerMissing();
  if (missing) throw new Error(`${missing}: install curl 7.75 or newer (apt-get install curl; .ci/run does)`);
  const result = await run('curl', args, cleanAwsEnv());
  if (result.code !== 0) throw new Error(`curl failed: ${result.stderr}`);
  const lines = result.stdout.split('\n');
  const status = Number(lines.pop());
  return { status, body: JSON.parse(lines.join('\n')) as Record<string, unknown> };
}

/** A POST to the server with exactly these headers (no signing): for malformed or missing authorization. */
export function postRaw(server: AwsSecretsManagerTestServer, headers: Record<string, string>, body: string): Promise<{ status: number; body: Record<string, unknown>; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.endpoint}/`, { method: 'POST', ca: testCertificates().ca, headers: { 'Content-Type': 'application/x-amz-json-1.1', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
