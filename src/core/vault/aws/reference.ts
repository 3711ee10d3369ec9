/**
 * AWS Secrets Manager references, in helmfile/vals' form (the form real env files already hold):
 *
 *   ref+awssecrets://NAME[?region=REGION&version_stage=STAGE&version_id=ID][#/json/key]
 *   ref+awssecrets://arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME[?version_stage=…&version_id=…][#/json/key]
 *
 * This file imports no SDK: the registry, detection and hovers import it eagerly.
 *
 * A bare ARN (`arn:aws:secretsmanager:…`) in an env file is NOT a reference: applications that fetch
 * their secrets themselves keep the ARN in their environment and call Secrets Manager with it;
 * replacing it by the value would break them. Only the `ref+awssecrets://` prefix makes a reference.
 *
 * Of vals' query parameters, `region`, `version_stage` and `version_id` are read. `role_arn` (a role
 * to assume) and `profile` (which of the user's credentials to use) are refused: they would let a
 * repository choose whose credentials are used and which identity reads. Any other parameter is
 * refused too, rather than silently read differently from vals.
 */
import type { ReferenceSyntax } from '../../references/syntax';

export interface AwsSecretsManagerReference {
  readonly kind: 'aws-secrets-manager';
  /** The secret's name, or its full ARN. */
  readonly secretId: string;
  /** From `?region=` or from the ARN; absent: the SDK's default region (AWS_REGION, the profile). */
  readonly region?: string;
  /** A field of a JSON SecretString, as a path without its leading slash: `a/b` for `#/a/b`. */
  readonly jsonKey?: string;
  readonly versionStage?: string;
  readonly versionId?: string;
}

export const AWS_PREFIX = 'ref+awssecrets://';
const ARN_PREFIX = `${AWS_PREFIX}arn:`;
/** The bound every reference parser keeps (src/core/references/parse.ts MAX_REFERENCE_LENGTH). */
const MAX_LENGTH = 4096;

/** AWS's secret name rules: 1 to 512 of letters, digits and `/_+=.@-`. */
export const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
/** Region codes of every partition: `us-east-1`, `cn-north-1`, `us-gov-west-1`, `eusc-de-east-1`. */
export const REGION = /^[a-z]{2,4}(?:-[a-z]{1,12}){1,3}-\d{1,2}$/;
const ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-eusc|aws-iso|aws-iso-[a-z]):secretsmanager:([a-z0-9-]{1,32}):(\d{12}):secret:([A-Za-z0-9/_+=.@-]{1,512})$/;
/** Staging labels: 1 to 256 characters; EnvGuard reads the ones made of name characters. */
const STAGE = /^[A-Za-z0-9_+=.@-]{1,256}$/;
/** Version ids are 32 to 64 characters (UUIDs when the SDK makes them). */
const VERSION_ID = /^[A-Za-z0-9-]{32,64}$/;
const JSON_SEGMENT = /^[^/#?\s]{1,256}$/;

const REFUSED_PARAMETERS: Readonly<Record<string, string>> = {
  role_arn: 'role_arn (a role to assume) is not accepted: a repository must not choose which identity reads your secrets; assume the role in your own AWS configuration instead',
  profile: 'profile is not accepted: a repository must not choose which of your credentials are used; set AWS_PROFILE or the EnvGuard setting instead',
};

type Analysis = { readonly reference: AwsSecretsManagerReference } | { readonly problem: string };

/** The reference in a trimmed value starting with `ref+awssecrets://` (any case), or what is wrong. Never throws. */
export function analyseAwsReference(text: string): Analysis {
  if (text.length > MAX_LENGTH) return { problem: `it is longer than ${MAX_LENGTH} characters` };
  if (text.slice(0, AWS_PREFIX.length).toLowerCase() !== AWS_PREFIX) return { problem: `it does not start with ${AWS_PREFIX}` };
  const rest = text.slice(AWS_PREFIX.length);
  const hash = rest.indexOf('#');
  const beforeHash = hash < 0 ? rest : rest.slice(0, hash);
  const fragment = hash < 0 ? undefined : rest.slice(hash + 1);
  const question = beforeHash.indexOf('?');
  const id = question < 0 ? beforeHash : beforeHash.slice(0, question);
  const query = question < 0 ? '' : beforeHash.slice(question + 1);

  const params = parseQuery(query);
  if ('problem' in params) return params;
  let region = params.region;
  let secretId: string;
  if (id.toLowerCase().startsWith('arn:')) {
    const arn = ARN.exec(id);
    if (!arn) return { problem: 'its ARN is not arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME' };
    if (!REGION.test(arn[2]!)) return { problem: 'the region in its ARN is not a region code such as us-east-1' };
    if (region !== undefined && region !== arn[2]) return { problem: 'its region parameter differs from the region in its ARN' };
    region = arn[2]!;
    secretId = id;
  } else {
    if (id.length === 0) return { problem: 'it names no secret' };
    if (!SECRET_NAME.test(id)) return { problem: 'its secret name is not 1 to 512 letters, digits and /_+=.@-' };
    secretId = id;
  }
  let jsonKey: string | undefined;
  if (fragment !== undefined && fragment !== '' && fragment !== '/') {
    const segments = (fragment.startsWith('/') ? fragment.slice(1) : fragment).split('/');
    if (!segments.every((s) => JSON_SEGMENT.test(s))) return { problem: 'its JSON key (after #) has an empty segment or a space, ? or #' };
    jsonKey = segments.join('/');
  }
  return {
    reference: {
      kind: 'aws-secrets-manager', secretId,
      ...(region !== undefined ? { region } : {}),
      ...(jsonKey !== undefined ? { jsonKey } : {}),
      ...(params.versionStage !== undefined ? { versionStage: params.versionStage } : {}),
      ...(params.versionId !== undefined ? { versionId: params.versionId } : {}),
    },
  };
}

interface Parameters { readonly region?: string; readonly versionStage?: string; readonly versionId?: string }

function parseQuery(query: string): Parameters | { readonly problem: string } {
  const out: { region?: string; versionStage?: string; versionId?: string } = {};
  if (query === '') return out;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = (eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    const refused = REFUSED_PARAMETERS[name];
    if (refused) return { problem: refused };
    if (name === 'region') {
      if (!REGION.test(value)) return { problem: 'its region parameter is not a region code such as us-east-1' };
      out.region = value;
    } else if (name === 'version_stage') {
      if (!STAGE.test(value)) return { problem: 'its version_stage is not a staging label such as AWSCURRENT or AWSPREVIOUS' };
      out.versionStage = value;
    } else if (name === 'version_id') {
      if (!VERSION_ID.test(value)) return { problem: 'its version_id is not a version id (32 to 64 letters, digits and dashes)' };
      out.versionId = value;
    } else {
      return { problem: 'it has a query parameter EnvGuard does not read (accepted: region, version_stage, version_id)' };
    }
  }
  return out;
}

/** Value-free, for hovers and messages: "AWS Secrets Manager secret shop/production (us-east-1), key DB_PASSWORD". */
export function describeAwsReference(ref: AwsSecretsManagerReference): string {
  const version = ref.versionId ? `, version ${ref.versionId}` : ref.versionStage ? `, stage ${ref.versionStage}` : '';
  return `AWS Secrets Manager secret ${ref.secretId}${ref.region && !ref.secretId.startsWith('arn:') ? ` (${ref.region})` : ''}${ref.jsonKey ? `, key ${ref.jsonKey}` : ''}${version}`;
}

/** The reference text, in vals' form (a region already in an ARN is not repeated). */
export function formatAwsReference(ref: Omit<AwsSecretsManagerReference, 'kind'>): string {
  const query = [
    ...(ref.region && !ref.secretId.startsWith('arn:') ? [`region=${ref.region}`] : []),
    ...(ref.versionStage ? [`version_stage=${ref.versionStage}`] : []),
    ...(ref.versionId ? [`version_id=${ref.versionId}`] : []),
  ];
  return `${AWS_PREFIX}${ref.secretId}${query.length > 0 ? `?${query.join('&')}` : ''}${ref.jsonKey ? `#/${ref.jsonKey}` : ''}`;
}

/**
 * What a user confirms before EnvGuard uses their AWS credentials for a repository's references:
 * the region, and the account when the reference names one (an ARN). A repository chooses those (and
 * so whose secrets your identity reads); the endpoint follows from the region and the user's own
 * configuration (AWS_ENDPOINT_URL…), which a repository does not choose.
 */
export function awsVaultKey(region: string, account?: string): string {
  return `aws-secrets-manager:${region}${account ? `:${account}` : ''}`;
}

/** The account of an ARN reference; undefined for a name. */
export function accountOf(ref: AwsSecretsManagerReference): string | undefined {
  return ref.secretId.startsWith('arn:') ? ref.secretId.split(':')[4] : undefined;
}

const EXPECTED = 'ref+awssecrets://NAME[?region=REGION&version_stage=STAGE&version_id=ID][#/json/key], or ref+awssecrets://arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME[#/json/key]';

function parseAwsReference(text: string): AwsSecretsManagerReference | undefined {
  const analysis = analyseAwsReference(text);
  return 'reference' in analysis ? analysis.reference : undefined;
}

function awsReferenceProblem(text: string): string | undefined {
  const analysis = analyseAwsReference(text);
  return 'problem' in analysis ? analysis.problem : undefined;
}

/** The name form; ARNs go to the longer prefix below. */
export const awsSecretsNameSyntax: ReferenceSyntax<AwsSecretsManagerReference> = {
  prefixes: [AWS_PREFIX],
  name: 'AWS Secrets Manager (vals)',
  expected: EXPECTED,
  parse: parseAwsReference,
  problem: awsReferenceProblem,
};

/** The ARN inside vals' form; its region comes from the ARN. */
export const awsSecretsArnSyntax: ReferenceSyntax<AwsSecretsManagerReference> = {
  prefixes: [ARN_PREFIX],
  name: 'AWS Secrets Manager (ARN)',
  expected: 'ref+awssecrets://arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME[?version_stage=STAGE&version_id=ID][#/json/key]',
  parse: parseAwsReference,
  problem: awsReferenceProblem,
};

export const awsReferenceSyntaxes: readonly ReferenceSyntax<AwsSecretsManagerReference>[] = [awsSecretsNameSyntax, awsSecretsArnSyntax];
