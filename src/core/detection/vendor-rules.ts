/**
 * Vendor token formats: a data table. Each rule is a bounded regular expression guarded by cheap
 * literal substrings (the regex only runs when one of them occurs in the value), so scanning stays
 * linear and no pattern can backtrack catastrophically.
 *
 * Strength:
 * - `strong`: the format itself says "secret" (`sk_live_`, `ghp_`, a PEM private key). It wins over
 *   anything the key says, even `PUBLIC` or `NEXT_PUBLIC_`.
 * - `medium`: secret-shaped but sometimes public by design (a JWT can be a Supabase anon key, a
 *   Google `AIza` key ships to browsers): reported unless the key marks it public or an identifier.
 *
 * Keyed rules need a vendor word in the key (`TWILIO_…` + 32 hex is a Twilio auth token, 32 hex
 * alone could be anything) and match the whole value.
 */
import { hasCloudflareChecksum, hasPrefixedCrc32Base62 } from './checksums';
import { decodeBase64 } from './decode';
import { isAnonJwt } from './public-values';

export type RuleStrength = 'strong' | 'medium';

export interface VendorRule {
  /** Stable rule id used in findings, e.g. `github-pat`. */
  readonly id: string;
  readonly vendor: string;
  readonly description: string;
  readonly strength: RuleStrength;
  /** The regex runs only when the value contains one of these (case-sensitive). Empty: always. */
  readonly literals: readonly string[];
  readonly pattern: RegExp;
  /** Keyed rules: the key must mention one of these words. */
  readonly keyWords?: readonly string[];
  /** Shortest text the pattern can match: shorter values skip the regex (for rules with a common literal). */
  readonly minLength: number;
  /** A further check on the matched text (entropy, decoding); `value` is the whole value. */
  readonly verify?: (match: string, value: string) => boolean;
  /** The vendor's own checksum (checksums.ts): true when the match carries a valid one. */
  readonly checksum?: (match: string) => boolean;
}

interface RuleOptions {
  readonly checksum?: (match: string) => boolean;
  readonly strength?: RuleStrength;
  readonly minLength?: number;
  readonly verify?: (match: string, value: string) => boolean;
  /** Characters that must not touch the token on either side (default: word characters). */
  readonly edge?: string;
}

const WORD_EDGE = 'A-Za-z0-9_';

/** A token found anywhere in the value, not glued to neighbouring word characters. */
function token(id: string, vendor: string, description: string, literals: readonly string[], body: string, options: RuleOptions = {}): VendorRule {
  const edge = options.edge ?? WORD_EDGE;
  return {
    id,
    vendor,
    description,
    strength: options.strength ?? 'strong',
    literals,
    minLength: options.minLength ?? 20,
    pattern: new RegExp(edge === '' ? body : `(?<![${edge}])(?:${body})(?![${edge}])`),
    ...(options.verify ? { verify: options.verify } : {}),
    ...(options.checksum ? { checksum: options.checksum } : {}),
  };
}

/** A whole value recognised only under a key naming the vendor. */
function keyed(id: string, vendor: string, description: string, keyWords: readonly string[], body: string, options: RuleOptions = {}): VendorRule {
  return {
    id,
    vendor,
    description,
    strength: options.strength ?? 'medium',
    literals: [],
    minLength: options.minLength ?? 20,
    pattern: new RegExp(`^(?:${body})$`),
    keyWords,
    ...(options.verify ? { verify: options.verify } : {}),
  };
}

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const hasDigit = (s: string): boolean => /\d/.test(s);
const hasLetterAndDigit = (s: string): boolean => /[A-Za-z]/.test(s) && /\d/.test(s);
const mixedCaseAndDigit = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s);
/** A JWT inside base64 (`ZXlK…` is `eyJ…` encoded once more): Kubernetes secrets, CI variables. */
const isBase64Jwt = (s: string): boolean => /^eyJ[A-Za-z0-9_-]{10,4000}\.eyJ[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{0,2000}\s{0,2}$/.test(decodeBase64(s) ?? '');


/** A PEM private key with a real body, not `-----BEGIN PRIVATE KEY-----\n...\n-----END…`. */
function hasKeyBody(pem: string): boolean {
  const body = pem.replace(/-----[A-Z0-9 ]+-----/g, '').replace(/\\[nr]/g, '');
  const base64 = body.replace(/[^A-Za-z0-9+/=]/g, '');
  return base64.length >= 40 && !/x{5,}|X{5,}|\.{3}|…/.test(body);
}

function isServiceAccountJson(text: string): boolean {
  const key = text.indexOf('-----BEGIN');
  return key >= 0 && /"type"\s*:\s*"service_account"/.test(text) && /"private_key"\s*:\s*"-----BEGIN/.test(text) && hasKeyBody(text.slice(key));
}

/**
 * An API key (`AKCp` + 69) or a reference token (`cmVmd…`, base64 of `reftkn`) is only that exact
 * format: a value starting so in any case but refused by it is a near-miss, not an identity token.
 */
const JFROG_PREFIXES = /^(?:akcp|cmvmd)/i;

export const VENDOR_RULES: readonly VendorRule[] = [
  // Private keys and key files.
  // A service account key file holds a private key: name the file, not just the key.
  token('gcp-service-account-key', 'Google Cloud', 'Google Cloud service account key', ['service_account'], '"type"\\s{0,10}:\\s{0,10}"service_account"', { edge: '', verify: (_m, value) => isServiceAccountJson(value), minLength: 100 }),
  token('private-key', 'PEM', 'private key', ['-----BEGIN'], '-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----', { edge: '', verify: (m, value) => hasKeyBody(value.slice(value.indexOf(m))), minLength: 40 }),
  token('private-key-base64', 'PEM', 'base64-encoded private key', ['LS0tLS1CRUdJTi'], 'LS0tLS1CRUdJTi[A-Za-z0-9+/]{60,40000}={0,2}', {
    edge: 'A-Za-z0-9+/=',
    verify: (m) => {
      const pem = decodeBase64(m) ?? '';
      return /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY/.test(pem) && hasKeyBody(pem);
    },
    minLength: 74,
  }),
  token('putty-private-key', 'PuTTY', 'PuTTY private key', ['PuTTY-User-Key-File-'], 'PuTTY-User-Key-File-\\d: [a-z0-9-]{3,40}', {
    edge: '',
    verify: (_m, value) => /Private-Lines: \d{1,4}(?:\s|\\n){1,4}[A-Za-z0-9+/=]{40}/.test(value),
  }),
  token('age-secret-key', 'age', 'age secret key', ['AGE-SECRET-KEY-1'], 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}'),

  // Cloud providers.
  token('aws-access-key-id', 'AWS', 'AWS access key ID', ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'], '(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}', { verify: (m) => hasDigit(m.slice(4)) }),
  token('aws-bedrock-api-key', 'AWS', 'Amazon Bedrock API key', ['ABSK', 'bedrock-api-key-'], 'ABSK[A-Za-z0-9+/]{109,269}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%&-]{0,4000}', { edge: 'A-Za-z0-9+/=_-', minLength: 44 }),
  keyed('aws-secret-access-key', 'AWS', 'AWS secret access key', ['aws', 'amazon', 's3', 'ses', 'dynamodb'], '[A-Za-z0-9/+]{40}', { verify: mixedCaseAndDigit }),
  token('azure-ad-client-secret', 'Azure', 'Azure AD client secret', ['Q~'], '[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}', { edge: 'A-Za-z0-9_~.-' }),
  token('azure-storage-account-key', 'Azure', 'Azure storage account key', ['=='], '[A-Za-z0-9+/]{86}==', { strength: 'medium', edge: 'A-Za-z0-9+/=-', verify: mixedCaseAndDigit, minLength: 88 }),
  keyed('azure-devops-pat', 'Azure DevOps', 'Azure DevOps personal access token', ['devops', 'azdo', 'ado', 'vsts'], '[a-z2-7]{52}|[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}'),
  token('gcp-api-key', 'Google Cloud', 'Google API key', ['AIza'], 'AIza[A-Za-z0-9_-]{35}', { strength: 'medium', edge: 'A-Za-z0-9_-' }),
  token('gcp-oauth-client-secret', 'Google Cloud', 'Google OAuth client secret', ['GOCSPX-'], 'GOCSPX-[A-Za-z0-9_-]{24,32}', { edge: 'A-Za-z0-9_-' }),
  token('gcp-service-account-key-base64', 'Google Cloud', 'base64-encoded Google Cloud service account key', ['ewog', 'eyJ', 'ew0K'], '(?:ewog|ew0K|eyJ)[A-Za-z0-9+/]{400,40000}={0,2}', {
    edge: 'A-Za-z0-9+/=',
    verify: (m) => isServiceAccountJson(decodeBase64(m) ?? ''),
    minLength: 400,
  }),
  token('google-oauth-access-token', 'Google', 'Google OAuth access token', ['ya29.'], 'ya29\\.[A-Za-z0-9_-]{30,2048}', { edge: 'A-Za-z0-9_-' }),
  token('google-oauth-refresh-token', 'Google', 'Google OAuth refresh token', ['1//0'], '1//0[A-Za-z0-9_-]{40,512}', { edge: 'A-Za-z0-9_/-' }),
  token('firebase-fcm-server-key', 'Firebase', 'Firebase Cloud Messaging server key', [':APA91b'], 'AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{100,200}', { edge: 'A-Za-z0-9_-' }),
  token('alibaba-access-key-id', 'Alibaba Cloud', 'Alibaba Cloud AccessKey ID', ['LTAI'], 'LTAI[A-Za-z0-9]{20}', { verify: hasDigit }),
  token('digitalocean-token', 'DigitalOcean', 'DigitalOcean token', ['dop_v1_', 'doo_v1_', 'dor_v1_'], 'do[por]_v1_[a-f0-9]{64}'),
  token('heroku-api-key', 'Heroku', 'Heroku API key', ['HRKU-'], 'HRKU-[A-Za-z0-9_-]{58,64}', { edge: 'A-Za-z0-9_-' }),
  token('cloudflare-api-token', 'Cloudflare', 'Cloudflare API token or key', ['cfut_', 'cfat_', 'cfk_'], 'cf(?:ut|at|k)_[A-Za-z0-9]{40}[0-9a-f]{8}', { checksum: hasCloudflareChecksum }),
  token('clickhouse-cloud-api-key', 'ClickHouse', 'ClickHouse Cloud API secret key', ['4b1d'], '4b1d[A-Za-z0-9]{38}', { verify: mixedCaseAndDigit, minLength: 42 }),
  token('scalingo-api-token', 'Scalingo', 'Scalingo API token', ['tk-us-'], 'tk-us-[A-Za-z0-9_-]{48}', { edge: 'A-Za-z0-9_-' }),
  token('yandex-cloud-token', 'Yandex Cloud', 'Yandex Cloud IAM token, API key or access key', ['t1.', 'AQVN', 'YC'], 't1\\.[A-Za-z0-9_-]{20,200}={0,2}\\.[A-Za-z0-9_-]{86}={0,2}|AQVN[A-Za-z0-9_-]{35,38}|YC[A-Za-z0-9_-]{38}', { edge: 'A-Za-z0-9_.=-', verify: (m) => hasLetterAndDigit(m.slice(2)), minLength: 39 }),
  keyed('heroku-api-key-legacy', 'Heroku', 'Heroku API key', ['heroku'], GUID),
  token('cloudflare-origin-ca-key', 'Cloudflare', 'Cloudflare Origin CA key', ['v1.0-'], 'v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}'),
  keyed('cloudflare-api-token-legacy', 'Cloudflare', 'Cloudflare API token or global API key', ['cloudflare', 'cf'], '[A-Za-z0-9_-]{40}|[a-f0-9]{37}', { verify: hasLetterAndDigit }),
  token('vercel-token', 'Vercel', 'Vercel token', ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'], 'vc[pciark]_[A-Za-z0-9]{24,80}', { verify: hasDigit }),
  keyed('vercel-token-legacy', 'Vercel', 'Vercel token', ['vercel'], '[A-Za-z0-9]{24}', { verify: mixedCaseAndDigit }),
  token('netlify-token', 'Netlify', 'Netlify access token', ['nfp_', 'nfc_', 'nfo_', 'nfu_'], 'nf[pcou]_[A-Za-z0-9]{36,48}', { verify: hasDigit }),
  keyed('netlify-token-legacy', 'Netlify', 'Netlify access token', ['netlify'], '[A-Za-z0-9_-]{40,46}', { verify: hasLetterAndDigit }),
  token('flyio-token', 'Fly.io', 'Fly.io token', ['fo1_', 'fm1r_', 'fm1a_', 'fm2_'], 'fo1_[A-Za-z0-9_-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,4000}={0,3}|fm2_[A-Za-z0-9+/]{100,4000}={0,3}', { edge: 'A-Za-z0-9_+/=-' }),
  token('supabase-secret-key', 'Supabase', 'Supabase secret key', ['sbp_', 'sb_secret_'], 'sbp_[A-Za-z0-9]{40}|sb_secret_[A-Za-z0-9_-]{20,80}', { edge: 'A-Za-z0-9_-' }),
  token('planetscale-token', 'PlanetScale', 'PlanetScale token or password', ['pscale_'], 'pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=.-]{32,64}', { edge: 'A-Za-z0-9_=.-' }),
  token('databricks-token', 'Databricks', 'Databricks access token', ['dapi'], 'dapi[a-fA-F0-9]{32}(?:-\\d)?'),
  token('neon-api-key', 'Neon', 'Neon API key', ['napi_'], 'napi_[a-z0-9]{64}'),
  token('render-api-key', 'Render', 'Render API key', ['rnd_'], 'rnd_[A-Za-z0-9]{32}', { verify: hasDigit }),
  token('hashicorp-vault-token', 'HashiCorp Vault', 'HashiCorp Vault token', ['hvs.', 'hvb.', 'hvr.'], 'hv[sbr]\\.[A-Za-z0-9_-]{24,400}', { edge: 'A-Za-z0-9_.-' }),
  token('hashicorp-vault-token-legacy', 'HashiCorp Vault', 'HashiCorp Vault token (legacy format)', ['s.'], 's\\.[A-Za-z0-9]{24}', { edge: 'A-Za-z0-9_./-', verify: (m) => mixedCaseAndDigit(m.slice(2)), minLength: 26 }),
  token('terraform-cloud-token', 'HashiCorp Terraform', 'Terraform Cloud API token', ['.atlasv1.'], '[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}', { edge: 'A-Za-z0-9_=-' }),
  token('pulumi-access-token', 'Pulumi', 'Pulumi access token', ['pul-'], 'pul-[a-f0-9]{40}'),
  token('doppler-token', 'Doppler', 'Doppler token', ['dp.'], 'dp\\.(?:pt|st|sa|ct|scim|audit)\\.(?:[A-Za-z0-9_-]{1,40}\\.)?[A-Za-z0-9]{40,44}', { edge: 'A-Za-z0-9_.-' }),
  token('tailscale-key', 'Tailscale', 'Tailscale key', ['tskey-'], 'tskey-(?:[a-z]{3,8}-)?[A-Za-z0-9]{6,30}-[A-Za-z0-9]{16,64}|tskey-[A-Za-z0-9]{20,80}', { edge: 'A-Za-z0-9_-' }),
  token('grafana-token', 'Grafana', 'Grafana token', ['glc_', 'glsa_', 'eyJrIjoi'], 'glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|eyJrIjoi[A-Za-z0-9]{70,400}={0,3}', { edge: 'A-Za-z0-9_+/=' }),
  token('newrelic-key', 'New Relic', 'New Relic API or insert key', ['NRAK-', 'NRAA-', 'NRII-'], 'NRA[KA]-[A-Za-z0-9]{27}|NRII-[A-Za-z0-9_-]{32}', { edge: 'A-Za-z0-9_-' }),
  token('newrelic-browser-key', 'New Relic', 'New Relic browser key', ['NRJS-'], 'NRJS-[a-f0-9]{19}', { strength: 'medium', edge: 'A-Za-z0-9_-', minLength: 24 }),
  token('sentry-token', 'Sentry', 'Sentry auth token', ['sntrys_', 'sntryu_'], 'sntrys_eyJ[A-Za-z0-9+/=_-]{60,800}|sntryu_[a-f0-9]{64}', { edge: 'A-Za-z0-9+/=_-' }),
  token('dynatrace-token', 'Dynatrace', 'Dynatrace API token', ['dt0c01.'], 'dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}'),
  keyed('datadog-api-key', 'Datadog', 'Datadog API or application key', ['datadog', 'dd'], '[a-f0-9]{32}|[a-f0-9]{40}', { verify: hasLetterAndDigit }),

  // Version control and CI.
  token('github-app-installation-token', 'GitHub', 'GitHub App installation token', ['ghs_'], 'ghs_\\d{1,20}_[A-Za-z0-9_-]{10,1000}\\.[A-Za-z0-9_-]{10,4000}\\.[A-Za-z0-9_-]{10,1000}', { edge: 'A-Za-z0-9_.-', minLength: 40 }),
  token('github-token', 'GitHub', 'GitHub token', ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], 'gh[pousr]_[A-Za-z0-9]{36,40}', { checksum: (m) => hasPrefixedCrc32Base62(m, 4) }),
  token('github-fine-grained-pat', 'GitHub', 'GitHub fine-grained personal access token', ['github_pat_'], 'github_pat_[A-Za-z0-9_]{60,100}'),
  token('gitlab-pat', 'GitLab', 'GitLab personal access token', ['glpat-'], 'glpat-[A-Za-z0-9_.-]{20,300}', { edge: 'A-Za-z0-9_.-' }),
  token('gitlab-token', 'GitLab', 'GitLab token', ['gldt-', 'glrt-', 'glptt-', 'glcbt-', 'glft-', 'glsoat-', 'glimt-', 'glagent-', 'gloas-', 'glffct-', 'GR1348941'], '(?:gldt|glrt|glcbt|glft|glsoat|glimt|glagent|gloas|glffct)-[A-Za-z0-9_.-]{20,300}|glptt-[a-f0-9]{40}|GR1348941[A-Za-z0-9_-]{20}', { edge: 'A-Za-z0-9_.-' }),
  token('gitlab-session-cookie', 'GitLab', 'GitLab session cookie', ['_gitlab_session='], '_gitlab_session=[0-9a-z]{32}', { edge: '', minLength: 48 }),
  token('bitbucket-app-password', 'Bitbucket', 'Bitbucket app password or token', ['ATBB'], 'ATBB[A-Za-z0-9_=.-]{28,64}', { verify: hasDigit, edge: 'A-Za-z0-9_=.-' }),
  token('atlassian-api-token', 'Atlassian', 'Atlassian API token', ['ATATT3'], 'ATATT3[A-Za-z0-9_=-]{150,250}', { edge: 'A-Za-z0-9_=-' }),
  token('sonarqube-token', 'SonarQube', 'SonarQube token', ['squ_', 'sqp_', 'sqa_'], 'sq[upa]_[a-f0-9]{40}'),
  token('buildkite-token', 'Buildkite', 'Buildkite API token', ['bkua_'], 'bkua_[a-f0-9]{40}'),
  token('circleci-token', 'CircleCI', 'CircleCI personal API token', ['CCIPAT_'], 'CCIPAT_[A-Za-z0-9]{20,30}_[a-f0-9]{40}'),
  token('sourcegraph-token', 'Sourcegraph', 'Sourcegraph access token', ['sgp_'], 'sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40}'),
  token('harness-token', 'Harness', 'Harness access token', ['pat.', 'sat.'], '(?:pat|sat)\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20}', { edge: 'A-Za-z0-9_.-', minLength: 72 }),
  token('openshift-token', 'OpenShift', 'OpenShift user token', ['sha256~'], 'sha256~[A-Za-z0-9_-]{43}', { edge: 'A-Za-z0-9_-' }),
  token('jfrog-token', 'JFrog', 'JFrog API key or reference token', ['AKCp', 'cmVmd'], 'AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59}'),
  keyed('jfrog-identity-token', 'JFrog', 'JFrog identity token or API key', ['jfrog', 'artifactory', 'bintray', 'xray'], '[A-Za-z0-9]{64}|[A-Za-z0-9]{73}', { verify: (m) => hasLetterAndDigit(m) && !JFROG_PREFIXES.test(m) }),
  keyed('atlassian-api-token-legacy', 'Atlassian', 'Atlassian API token (legacy format)', ['atlassian', 'jira', 'confluence'], '[A-Za-z0-9]{24}', { verify: hasLetterAndDigit, minLength: 24 }),
  token('octopus-deploy-api-key', 'Octopus Deploy', 'Octopus Deploy API key', ['API-'], 'API-[A-Z0-9]{26}', { edge: 'A-Za-z0-9_-', verify: (m) => hasDigit(m.slice(4)) && /[A-Z]/.test(m.slice(4)), minLength: 30 }),
  token('defined-networking-api-token', 'Defined Networking', 'Defined Networking API token', ['dnkey-'], 'dnkey-[A-Za-z0-9=_-]{26}-[A-Za-z0-9=_-]{52}', { edge: 'A-Za-z0-9=_-' }),
  token('authress-access-key', 'Authress', 'Authress service client access key', ['.acc_', '.acc-'], '(?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\\.[A-Za-z0-9]{4,6}\\.acc[_-][A-Za-z0-9-]{10,32}\\.[A-Za-z0-9+/_=-]{30,120}', { edge: 'A-Za-z0-9_.+/=-', minLength: 60 }),

  // Package registries.
  token('npm-token', 'npm', 'npm access token', ['npm_'], 'npm_[A-Za-z0-9]{36}', { checksum: (m) => hasPrefixedCrc32Base62(m, 4) }),
  token('pypi-token', 'PyPI', 'PyPI upload token', ['pypi-AgE'], 'pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}', { edge: 'A-Za-z0-9_-' }),
  token('nuget-api-key', 'NuGet', 'NuGet API key', ['oy2'], 'oy2[a-z0-9]{43}'),
  token('rubygems-api-key', 'RubyGems', 'RubyGems API key', ['rubygems_'], 'rubygems_[a-f0-9]{48}'),
  token('docker-hub-token', 'Docker Hub', 'Docker Hub access token', ['dckr_'], 'dckr_(?:pat|oat)_[A-Za-z0-9_-]{20,60}', { edge: 'A-Za-z0-9_-' }),
  token('clojars-token', 'Clojars', 'Clojars deploy token', ['CLOJARS_'], 'CLOJARS_[A-Za-z0-9]{60}'),

  // Payments and commerce.
  keyed('clerk-secret-key', 'Clerk', 'Clerk secret key', ['clerk'], 'sk_(?:live|test)_[A-Za-z0-9]{20,100}', { strength: 'strong' }),
  token('stripe-secret-key', 'Stripe', 'Stripe secret key', ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'], '[sr]k_(?:live|test|prod)_[A-Za-z0-9]{10,247}'),
  token('stripe-webhook-secret', 'Stripe', 'Stripe webhook signing secret', ['whsec_'], 'whsec_[A-Za-z0-9+/=]{24,100}', { edge: 'A-Za-z0-9_+/=' }),
  token('square-token', 'Square', 'Square access token or secret', ['sq0atp-', 'sq0csp-', 'EAAA'], 'sq0atp-[A-Za-z0-9_-]{22,60}|sq0csp-[A-Za-z0-9_-]{40,50}|EAAA[A-Za-z0-9_-]{60,80}', { edge: 'A-Za-z0-9_-' }),
  token('braintree-access-token', 'Braintree', 'Braintree (PayPal) access token', ['access_token$'], 'access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}(?:\\$[a-f0-9]{32})?', { edge: 'A-Za-z0-9_$' }),
  keyed('braintree-private-key', 'Braintree', 'Braintree private key', ['braintree'], '[a-f0-9]{32}', { verify: hasLetterAndDigit }),
  keyed('paypal-client-secret', 'PayPal', 'PayPal client secret', ['paypal'], '[A-Za-z0-9_-]{60,90}', { verify: mixedCaseAndDigit }),
  token('shopify-token', 'Shopify', 'Shopify access token or shared secret', ['shpat_', 'shpca_', 'shppa_', 'shpss_'], 'shp(?:at|ca|pa|ss)_[A-Za-z0-9]{32,64}'),
  token('flutterwave-secret-key', 'Flutterwave', 'Flutterwave secret or encryption key', ['FLWSECK'], 'FLWSECK(?:_TEST)?-[a-hA-H0-9]{32}-X|FLWSECK(?:_TEST)?[a-hA-H0-9]{12}|FLWSECK_TEST-[a-hA-H0-9]{12}', { edge: 'A-Za-z0-9_-' }),
  token('gocardless-api-token', 'GoCardless', 'GoCardless access token', ['live_'], 'live_[A-Za-z0-9_=-]{40}', { edge: 'A-Za-z0-9_=-', verify: (m) => hasLetterAndDigit(m.slice(5)), minLength: 45 }),
  token('maxmind-license-key', 'MaxMind', 'MaxMind license key', ['_mmk'], '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk', { minLength: 40 }),
  token('hubspot-private-app-token', 'HubSpot', 'HubSpot private app access token', ['pat-'], `pat-(?:na|eu|ap)\\d{1,2}-${GUID}`, { edge: 'A-Za-z0-9_-' }),
  keyed('hubspot-api-key', 'HubSpot', 'HubSpot API key (legacy)', ['hubspot'], GUID),
  token('shippo-token', 'Shippo', 'Shippo API token', ['shippo_'], 'shippo_(?:live|test)_[a-fA-F0-9]{40}'),
  token('easypost-api-key', 'EasyPost', 'EasyPost API key', ['EZAK', 'EZTK'], 'EZ[AT]K[A-Za-z0-9]{54}'),
  token('duffel-token', 'Duffel', 'Duffel API token', ['duffel_'], 'duffel_(?:test|live)_[A-Za-z0-9_=-]{43}', { edge: 'A-Za-z0-9_=-' }),
  token('plaid-access-token', 'Plaid', 'Plaid access token', ['access-sandbox-', 'access-development-', 'access-production-'], `access-(?:sandbox|development|production)-${GUID}`, { edge: 'A-Za-z0-9_-' }),
  keyed('plaid-secret', 'Plaid', 'Plaid secret', ['plaid'], '[a-f0-9]{30}', { verify: hasLetterAndDigit }),
  token('stytch-secret', 'Stytch', 'Stytch secret', ['secret-live-', 'secret-test-'], 'secret-(?:live|test)-[A-Za-z0-9_=-]{36}', { edge: 'A-Za-z0-9_=-' }),

  // AI providers.
  token('openai-api-key', 'OpenAI', 'OpenAI API key', ['T3BlbkFJ', 'sk-proj-', 'sk-svcacct-', 'sk-admin-'], 'sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}', { edge: 'A-Za-z0-9_-' }),
  token('anthropic-api-key', 'Anthropic', 'Anthropic API key', ['sk-ant-'], 'sk-ant-(?:api|admin|oat|sid)\\d{2}-[A-Za-z0-9_-]{32,150}', { edge: 'A-Za-z0-9_-' }),
  token('openrouter-api-key', 'OpenRouter', 'OpenRouter API key', ['sk-or-'], 'sk-or-v1-[a-f0-9]{64}', { edge: 'A-Za-z0-9_-' }),
  token('huggingface-token', 'Hugging Face', 'Hugging Face access token', ['hf_', 'api_org_'], 'hf_[A-Za-z0-9]{30,40}|api_org_[A-Za-z0-9]{34}'),
  token('groq-api-key', 'Groq', 'Groq API key', ['gsk_'], 'gsk_[A-Za-z0-9]{48,56}'),
  token('replicate-api-token', 'Replicate', 'Replicate API token', ['r8_'], 'r8_[A-Za-z0-9]{30,45}', { verify: hasLetterAndDigit }),
  token('xai-api-key', 'xAI', 'xAI API key', ['xai-'], 'xai-[A-Za-z0-9]{60,100}', { edge: 'A-Za-z0-9_-' }),
  token('perplexity-api-key', 'Perplexity', 'Perplexity API key', ['pplx-'], 'pplx-[A-Za-z0-9]{40,56}', { edge: 'A-Za-z0-9_-' }),
  token('langsmith-api-key', 'LangSmith', 'LangSmith API key', ['lsv2_'], 'lsv2_(?:pt|sk)_[A-Za-z0-9]{32}_[A-Za-z0-9]{10}'),
  token('pinecone-api-key', 'Pinecone', 'Pinecone API key', ['pcsk_'], 'pcsk_(?:[A-Za-z0-9]{4,8}_)?[A-Za-z0-9]{40,90}'),
  token('elevenlabs-api-key', 'ElevenLabs', 'ElevenLabs API key', ['sk_'], 'sk_[a-f0-9]{48}', { minLength: 51 }),
  keyed('cohere-api-key', 'Cohere', 'Cohere API key', ['cohere'], '[A-Za-z0-9]{40}', { verify: mixedCaseAndDigit }),
  keyed('mistral-api-key', 'Mistral AI', 'Mistral API key', ['mistral'], '[A-Za-z0-9]{32}', { verify: mixedCaseAndDigit }),
  keyed('deepgram-api-key', 'Deepgram', 'Deepgram API key', ['deepgram'], '[a-f0-9]{40}', { verify: hasLetterAndDigit }),
  token('ai-provider-api-key', 'AI provider', 'AI provider API key', ['sk-'], 'sk-[A-Za-z0-9]{32,64}', { strength: 'medium', edge: 'A-Za-z0-9_-', verify: hasLetterAndDigit, minLength: 35 }),

  // Chat and notifications.
  token('slack-token', 'Slack', 'Slack token', ['xox'], 'xox[abposre]-\\d{8,14}-[A-Za-z0-9-]{8,250}|xox[ar]-(?:\\d-)?[A-Za-z0-9]{8,48}|xox[os]-\\d{1,14}-\\d{1,14}-\\d{1,14}-[A-Fa-f0-9]{8,64}|xoxe\\.xox[bp]-\\d-[A-Za-z0-9]{100,200}|xoxe-\\d-[A-Za-z0-9]{100,200}', { edge: 'A-Za-z0-9_-', verify: (m) => hasLetterAndDigit(m.slice(5)) || /^\d{8,14}-\d{8,14}/.test(m.slice(5)), minLength: 15 }),
  token('slack-app-token', 'Slack', 'Slack app-level token', ['xapp-'], 'xapp-\\d-[A-Za-z0-9]{8,40}-\\d{6,20}(?:-[A-Za-z0-9]{20,100})?', { edge: 'A-Za-z0-9_-' }),
  token('slack-webhook-url', 'Slack', 'Slack webhook URL', ['hooks.slack.com'], 'hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{30,150}', { edge: 'A-Za-z0-9_-' }),
  token('discord-bot-token', 'Discord', 'Discord bot token', ['.'], '[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}', { edge: 'A-Za-z0-9_.-', verify: hasDigit, minLength: 59 }),
  token('discord-webhook-url', 'Discord', 'Discord webhook URL', ['/api/webhooks/'], 'discord(?:app)?\\.com/api/webhooks/\\d{15,20}/[A-Za-z0-9_-]{60,70}', { edge: 'A-Za-z0-9_-' }),
  keyed('discord-client-secret', 'Discord', 'Discord client secret', ['discord'], '[A-Za-z0-9_-]{32}', { verify: hasLetterAndDigit }),
  token('telegram-bot-token', 'Telegram', 'Telegram bot token', [':A'], '\\d{5,16}:A[A-Za-z0-9_-]{33,34}', { edge: 'A-Za-z0-9_:-', verify: (m) => hasDigit(m.slice(m.indexOf(':') + 2)) && /[a-z]/.test(m.slice(m.indexOf(':') + 2)), minLength: 40 }),
  token('teams-webhook-url', 'Microsoft Teams', 'Microsoft Teams webhook URL', ['webhook.office.com'], '[A-Za-z0-9-]{1,60}\\.webhook\\.office\\.com/webhookb2/[A-Za-z0-9@/_-]{60,300}', { edge: 'A-Za-z0-9_-' }),
  token('twilio-api-key', 'Twilio', 'Twilio API key', ['SK'], 'SK[0-9a-fA-F]{32}', { verify: (m) => hasLetterAndDigit(m.slice(2)), minLength: 34 }),
  keyed('twilio-auth-token', 'Twilio', 'Twilio auth token', ['twilio'], '[a-f0-9]{32}', { verify: hasLetterAndDigit }),

  // Email.
  token('sendgrid-api-key', 'SendGrid', 'SendGrid API key', ['SG.'], 'SG\\.[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{30,50}', { edge: 'A-Za-z0-9_.-' }),
  token('mailgun-api-key', 'Mailgun', 'Mailgun API key', ['key-'], 'key-[a-f0-9]{32}', { edge: 'A-Za-z0-9_-' }),
  token('mailgun-signing-key', 'Mailgun', 'Mailgun API or webhook signing key', ['-'], '[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}', { edge: 'A-Za-z0-9_-', minLength: 50 }),
  token('mailchimp-api-key', 'Mailchimp', 'Mailchimp API key', ['-us'], '[a-f0-9]{32}-us\\d{1,2}', { edge: 'A-Za-z0-9_-', minLength: 36 }),
  token('brevo-api-key', 'Brevo', 'Brevo (Sendinblue) API key', ['xkeysib-', 'xsmtpsib-'], 'x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}', { edge: 'A-Za-z0-9_-' }),
  keyed('postmark-token', 'Postmark', 'Postmark server or account token', ['postmark'], GUID),
  token('resend-api-key', 'Resend', 'Resend API key', ['re_'], 're_[A-Za-z0-9]{6,12}_[A-Za-z0-9]{16,40}|re_[A-Za-z0-9]{24,48}', { verify: (m) => hasLetterAndDigit(m.slice(3)) }),
  token('mailersend-api-key', 'MailerSend', 'MailerSend API token', ['mlsn.'], 'mlsn\\.[A-Za-z0-9]{40,100}', { edge: 'A-Za-z0-9_.-' }),
  keyed('mandrill-api-key', 'Mandrill', 'Mandrill API key', ['mandrill', 'mailchimp'], 'md-[A-Za-z0-9_-]{22}'),

  // Productivity, monitoring and other SaaS.
  token('linear-api-key', 'Linear', 'Linear API key', ['lin_api_', 'lin_oauth_'], 'lin_(?:api|oauth)_[A-Za-z0-9]{40}'),
  token('notion-token', 'Notion', 'Notion integration token', ['secret_', 'ntn_'], 'secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,50}', { verify: hasDigit, minLength: 44 }),
  token('figma-token', 'Figma', 'Figma access token', ['figd_', 'figu_'], 'fig[du]_[A-Za-z0-9_-]{38,200}', { edge: 'A-Za-z0-9_-' }),
  token('airtable-pat', 'Airtable', 'Airtable personal access token', ['pat'], 'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}', { edge: 'A-Za-z0-9_.', minLength: 82 }),
  token('contentful-token', 'Contentful', 'Contentful management token', ['CFPAT-'], 'CFPAT-[A-Za-z0-9_-]{40,50}', { edge: 'A-Za-z0-9_-' }),
  keyed('contentful-delivery-token', 'Contentful', 'Contentful delivery token', ['contentful'], '[A-Za-z0-9_-]{43}', { verify: hasLetterAndDigit }),
  token('postman-api-key', 'Postman', 'Postman API key', ['PMAK-'], 'PMAK-[A-Fa-f0-9]{24}-[A-Fa-f0-9]{34}', { edge: 'A-Za-z0-9_-' }),
  token('mapbox-secret-token', 'Mapbox', 'Mapbox secret token', ['sk.eyJ', 'tk.eyJ'], '[st]k\\.eyJ[A-Za-z0-9_-]{20,400}\\.[A-Za-z0-9_-]{20,100}', { edge: 'A-Za-z0-9_.-' }),
  token('posthog-personal-key', 'PostHog', 'PostHog personal API key', ['phx_'], 'phx_[A-Za-z0-9]{40,50}'),
  token('prefect-api-key', 'Prefect', 'Prefect API key', ['pnu_'], 'pnu_[A-Za-z0-9]{36}'),
  token('readme-api-key', 'ReadMe', 'ReadMe API key', ['rdme_'], 'rdme_[a-z0-9]{70}'),
  token('infracost-api-key', 'Infracost', 'Infracost API key', ['ico-'], 'ico-[A-Za-z0-9]{32}', { edge: 'A-Za-z0-9_./-' }),
  token('typeform-token', 'Typeform', 'Typeform personal access token', ['tfp_'], 'tfp_[A-Za-z0-9_.=-]{59}', { edge: 'A-Za-z0-9_.=-' }),
  token('frameio-api-token', 'Frame.io', 'Frame.io API token', ['fio-u-'], 'fio-u-[A-Za-z0-9_=-]{64}', { edge: 'A-Za-z0-9_=-' }),
  token('settlemint-token', 'SettleMint', 'SettleMint access token', ['sm_pat_', 'sm_aat_', 'sm_sat_'], 'sm_(?:pat|aat|sat)_[A-Za-z0-9]{16}', { verify: (m) => hasLetterAndDigit(m.slice(7)) }),
  token('intra42-client-secret', '42', '42 (Intra) client secret', ['s-s4t2'], 's-s4t2(?:ud|af)-[a-f0-9]{64}', { edge: 'A-Za-z0-9_-' }),
  token('adobe-client-secret', 'Adobe', 'Adobe client secret', ['p8e-'], 'p8e-[A-Za-z0-9]{32}', { edge: 'A-Za-z0-9_-', verify: (m) => hasLetterAndDigit(m.slice(4)) }),
  token('dropbox-long-lived-token', 'Dropbox', 'Dropbox long-lived access token', ['AAAAAAAAAA'], '[A-Za-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_=-]{43}', { edge: 'A-Za-z0-9_=-', verify: (m) => hasLetterAndDigit(m.slice(21)), minLength: 64 }),
  token('launchdarkly-key', 'LaunchDarkly', 'LaunchDarkly SDK or API key', ['sdk-', 'api-'], `(?:sdk|api)-${GUID}`, { edge: 'A-Za-z0-9_-' }),
  token('onepassword-token', '1Password', '1Password service account token or secret key', ['ops_eyJ', 'A3-'], 'ops_eyJ[A-Za-z0-9+/]{250,2000}={0,3}|A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}', { edge: 'A-Za-z0-9_+/=-' }),
  token('facebook-access-token', 'Facebook', 'Facebook access token', ['EAA'], 'EAA[BCDGIMQZ][A-Za-z0-9]{80,400}'),
  token('facebook-app-access-token', 'Facebook', 'Facebook app access token', ['|', '%7C'], '\\d{15,16}(?:\\||%7C)[A-Za-z0-9_-]{27,40}', { edge: 'A-Za-z0-9_|%-', verify: (m) => hasLetterAndDigit(m.slice(m.search(/[|%]/))), minLength: 43 }),
  token('twitter-bearer-token', 'X (Twitter)', 'X (Twitter) bearer token', ['AAAAAAAAAAAAAAAAAAAAA'], 'A{22}[A-Za-z0-9%]{80,120}', { edge: 'A-Za-z0-9%' }),
  token('dropbox-token', 'Dropbox', 'Dropbox access token', ['sl.'], 'sl\\.[A-Za-z0-9_.-]{130,1500}', { edge: 'A-Za-z0-9_.-' }),
  keyed('okta-api-token', 'Okta', 'Okta API token', ['okta'], '00[A-Za-z0-9_-]{40}'),
  keyed('algolia-admin-key', 'Algolia', 'Algolia API key', ['algolia'], '[a-f0-9]{32}', { verify: hasLetterAndDigit }),
  keyed('snyk-token', 'Snyk', 'Snyk API token', ['snyk'], GUID),

  // Vendors whose tokens have no prefix: recognised under a key naming the vendor (the shapes are the vendors').
  keyed('adafruit-io-key', 'Adafruit IO', 'Adafruit IO key', ['adafruit'], '(?:aio_)?[A-Za-z0-9_-]{28,32}', { verify: hasLetterAndDigit }),
  keyed('airtable-api-key-legacy', 'Airtable', 'Airtable API key (legacy)', ['airtable'], '[A-Za-z0-9]{17}', { verify: hasLetterAndDigit, minLength: 17 }),
  keyed('alibaba-access-key-secret', 'Alibaba Cloud', 'Alibaba Cloud AccessKey secret', ['alibaba', 'aliyun', 'alicloud'], '[A-Za-z0-9]{30}', { verify: hasLetterAndDigit }),
  keyed('asana-token', 'Asana', 'Asana access token or client secret', ['asana'], '[A-Za-z0-9]{32}|\\d/\\d{10,20}(?:/\\d{10,20})?:[A-Za-z0-9]{32}', { verify: hasLetterAndDigit }),
  keyed('beamer-api-key', 'Beamer', 'Beamer API key', ['beamer'], 'b_[A-Za-z0-9=_-]{44}'),
  keyed('bitbucket-client-secret', 'Bitbucket', 'Bitbucket OAuth consumer secret', ['bitbucket'], '[A-Za-z0-9=_-]{32}|[A-Za-z0-9=_-]{64}', { verify: hasLetterAndDigit }),
  keyed('bittrex-api-key', 'Bittrex', 'Bittrex API key or secret', ['bittrex'], '[A-Za-z0-9]{32}', { verify: hasLetterAndDigit }),
  keyed('codecov-token', 'Codecov', 'Codecov upload token', ['codecov'], `[A-Za-z0-9]{32}|${GUID}`, { verify: hasLetterAndDigit }),
  keyed('coinbase-api-key', 'Coinbase', 'Coinbase API key or secret', ['coinbase'], '[A-Za-z0-9_-]{64}', { verify: hasLetterAndDigit }),
  keyed('confluent-api-key', 'Confluent', 'Confluent Cloud API key or secret', ['confluent', 'kafka'], '[A-Za-z0-9]{16}|[A-Za-z0-9+/]{64}', { verify: hasLetterAndDigit, minLength: 16 }),
  keyed('droneci-token', 'Drone', 'Drone CI access token', ['drone', 'droneci'], '[A-Za-z0-9]{32}', { verify: hasLetterAndDigit }),
  keyed('etsy-api-key', 'Etsy', 'Etsy API key', ['etsy'], '[A-Za-z0-9]{24}', { verify: hasLetterAndDigit }),
  keyed('facebook-app-secret', 'Facebook', 'Facebook (Meta) app secret', ['facebook', 'fb', 'meta', 'instagram'], '[a-f0-9]{32}', { verify: hasLetterAndDigit }),
  keyed('fastly-api-token', 'Fastly', 'Fastly API token', ['fastly'], '[A-Za-z0-9=_-]{32}', { verify: hasLetterAndDigit }),
  keyed('finicity-secret', 'Finicity', 'Finicity app key or partner secret', ['finicity'], '[A-Za-z0-9]{20}|[a-f0-9]{32}', { verify: hasLetterAndDigit }),
  keyed('finnhub-api-key', 'Finnhub', 'Finnhub API key', ['finnhub'], '[A-Za-z0-9]{20}', { verify: hasLetterAndDigit }),
  keyed('flickr-api-key', 'Flickr', 'Flickr API key or secret', ['flickr'], '[A-Za-z0-9]{16}|[A-Za-z0-9]{32}', { verify: hasLetterAndDigit, minLength: 16 }),
  keyed('freshbooks-token', 'FreshBooks', 'FreshBooks access token', ['freshbooks'], '[A-Za-z0-9]{64}', { verify: hasLetterAndDigit }),
  keyed('gitter-token', 'Gitter', 'Gitter access token', ['gitter'], '[A-Za-z0-9_-]{40}', { verify: hasLetterAndDigit }),
  keyed('intercom-access-token', 'Intercom', 'Intercom access token', ['intercom'], '[A-Za-z0-9=_-]{60}', { verify: hasLetterAndDigit }),
  keyed('kraken-api-key', 'Kraken', 'Kraken API private key', ['kraken'], '[A-Za-z0-9/=_+-]{80,90}', { verify: hasLetterAndDigit }),
  keyed('kucoin-api-key', 'KuCoin', 'KuCoin API key or secret', ['kucoin'], `[a-f0-9]{24}|${GUID}`, { verify: hasLetterAndDigit }),
  keyed('launchdarkly-access-token', 'LaunchDarkly', 'LaunchDarkly access token', ['launchdarkly'], '[A-Za-z0-9=_-]{40}', { verify: hasLetterAndDigit }),
  keyed('linear-client-secret', 'Linear', 'Linear OAuth client secret', ['linear'], '[a-f0-9]{32}', { verify: hasLetterAndDigit }),
  keyed('linkedin-client-secret', 'LinkedIn', 'LinkedIn client secret', ['linkedin'], '[A-Za-z0-9]{16}', { verify: hasLetterAndDigit, minLength: 16 }),
  keyed('lob-api-key', 'Lob', 'Lob API key', ['lob'], '(?:live|test)_[a-f0-9]{35}'),
  keyed('looker-client-secret', 'Looker', 'Looker API client secret', ['looker'], '[A-Za-z0-9]{24}', { verify: hasLetterAndDigit }),
  keyed('mattermost-token', 'Mattermost', 'Mattermost access token', ['mattermost'], '[a-z0-9]{26}', { verify: hasLetterAndDigit }),
  keyed('messagebird-api-key', 'MessageBird', 'MessageBird (Bird) API key', ['messagebird', 'bird'], '[A-Za-z0-9]{25}', { verify: hasLetterAndDigit }),
  keyed('nytimes-api-key', 'New York Times', 'New York Times API key', ['nytimes', 'nyt'], '[A-Za-z0-9=_-]{32}', { verify: hasLetterAndDigit }),
  keyed('privateai-api-key', 'Private AI', 'Private AI API key', ['privateai'], '[a-z0-9]{32}', { verify: hasLetterAndDigit }),
  keyed('rapidapi-key', 'RapidAPI', 'RapidAPI key', ['rapidapi'], '[A-Za-z0-9_-]{50}', { verify: hasLetterAndDigit }),
  keyed('sendbird-api-token', 'Sendbird', 'Sendbird API token', ['sendbird'], '[a-f0-9]{40}', { verify: hasLetterAndDigit }),
  keyed('sentry-access-token', 'Sentry', 'Sentry access token (legacy)', ['sentry'], '[a-f0-9]{64}', { verify: hasLetterAndDigit }),
  keyed('sidekiq-credentials', 'Sidekiq', 'Sidekiq Pro/Enterprise gem credentials', ['contribsys', 'sidekiq'], '[a-f0-9]{8}:[a-f0-9]{8}', { verify: hasLetterAndDigit, minLength: 17 }),
  keyed('sonarqube-token-legacy', 'SonarQube', 'SonarQube token (legacy format)', ['sonar', 'sonarqube', 'sonarcloud'], '[A-Za-z0-9=_-]{40}', { verify: hasLetterAndDigit }),
  keyed('sourcegraph-token-legacy', 'Sourcegraph', 'Sourcegraph access token (legacy format)', ['sourcegraph'], '[a-f0-9]{40}', { verify: hasLetterAndDigit }),
  keyed('squarespace-api-key', 'Squarespace', 'Squarespace API key', ['squarespace'], GUID),
  keyed('sumologic-access-id', 'Sumo Logic', 'Sumo Logic access ID', ['sumo', 'sumologic'], 'su[A-Za-z0-9]{12}', { strength: 'strong', verify: hasLetterAndDigit, minLength: 14 }),
  keyed('sumologic-access-key', 'Sumo Logic', 'Sumo Logic access key', ['sumo', 'sumologic'], '[A-Za-z0-9]{64}', { verify: hasLetterAndDigit }),
  keyed('travisci-token', 'Travis CI', 'Travis CI access token', ['travis'], '[A-Za-z0-9]{22}', { verify: hasLetterAndDigit }),
  keyed('trello-api-key', 'Trello', 'Trello API key or token', ['trello'], '[A-Za-z0-9]{32}|[A-Za-z0-9]{64}|ATTA[A-Za-z0-9]{60,70}', { verify: hasLetterAndDigit }),
  keyed('twitch-api-token', 'Twitch', 'Twitch API token or client secret', ['twitch'], '[a-z0-9]{30}', { verify: hasLetterAndDigit }),
  keyed('twitter-api-secret', 'X (Twitter)', 'X (Twitter) API key, secret or access token', ['twitter'], '[A-Za-z0-9]{25}|[A-Za-z0-9]{45}|[A-Za-z0-9]{50}|\\d{15,25}-[A-Za-z0-9]{20,40}', { verify: hasLetterAndDigit }),
  keyed('zendesk-api-token', 'Zendesk', 'Zendesk API token', ['zendesk'], '[A-Za-z0-9]{40}', { verify: hasLetterAndDigit }),

  // Generic formats last: a JWT may be a vendor token already reported above.
  token('jwt', 'JWT', 'JSON Web Token', ['eyJ'], 'eyJ[A-Za-z0-9_-]{10,4000}\\.eyJ[A-Za-z0-9_-]{2,8000}\\.[A-Za-z0-9_-]{0,2000}', { strength: 'medium', edge: 'A-Za-z0-9_.-', verify: (m) => !isAnonJwt(m), minLength: 30 }),
  token('jwt-base64', 'JWT', 'base64-encoded JSON Web Token', ['ZXlK'], 'ZXlK[A-Za-z0-9+/]{40,16000}={0,2}', { strength: 'medium', edge: 'A-Za-z0-9+/=', verify: isBase64Jwt, minLength: 44 }),
];

/** The distinct vendors the table knows, for documentation and tests. */
export function vendorNames(): string[] {
  return [...new Set(VENDOR_RULES.map((r) => r.vendor))].sort();
}
