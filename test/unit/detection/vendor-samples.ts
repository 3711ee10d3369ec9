/**
 * One fake-token generator per vendor rule, with key names people use for it. Tokens are built at
 * test time from the seeded PRNG; the formats follow the vendors' documented shapes.
 */
import { crc32 } from 'node:zlib';
import { ALNUM, BASE64URL, DIGITS, Fake, LOWER, UPPER } from './fake';

export interface VendorSample {
  /** Key names the token is typically stored under (keyed rules need the vendor in the key). */
  readonly keys: readonly string[];
  /** Keyed rules only match under a key naming the vendor: no neutral-key variants for them. */
  readonly keyedOnly?: boolean;
  /** Near-misses: same family, wrong shape; never secrets under a neutral key. */
  readonly nearMiss?: (f: Fake) => string;
  readonly make: (f: Fake) => string;
}

const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** GitHub's and npm's format, built here from the published description with Node's own CRC-32. */
export function withCrc32Base62(prefix: string, f: Fake): string {
  const random = f.alnum(30);
  let n = crc32(random);
  let digits = '';
  while (n > 0) {
    digits = BASE62[n % 62]! + digits;
    n = Math.floor(n / 62);
  }
  return `${prefix}${random}${digits.padStart(6, '0')}`;
}

/** Cloudflare's scannable tokens: 40 characters and their CRC-32 in 8 lower-case hex digits. */
export function cloudflareToken(prefix: string, f: Fake): string {
  const body = f.alnum(40);
  return `${prefix}${body}${crc32(body).toString(16).padStart(8, '0')}`;
}

function serviceAccountJson(f: Fake): string {
  const project = `${f.word()}-${f.lowerAlnum(6)}`;
  const key = f.pem('PRIVATE KEY', 10).replace(/\n/g, '\\n');
  return JSON.stringify({
    type: 'service_account',
    project_id: project,
    private_key_id: f.hex(40),
    private_key: key,
    client_email: `deployer@${project}.iam.gserviceaccount.com`,
    client_id: f.chars(DIGITS, 21),
  }).replace(/\\\\n/g, '\\n');
}

export const VENDOR_SAMPLES: Record<string, VendorSample> = {
  'gcp-service-account-key': { keys: ['GOOGLE_CREDENTIALS', 'GCP_SA_KEY', 'FIREBASE_SERVICE_ACCOUNT'], make: serviceAccountJson },
  'private-key': {
    keys: ['PRIVATE_KEY', 'JWT_PRIVATE_KEY', 'GITHUB_APP_PRIVATE_KEY', 'SSH_KEY', 'TLS_KEY', 'SIGNING_KEY_PEM'],
    make: (f) => {
      const pem = f.pem(f.pick(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'DSA PRIVATE KEY']));
      return f.chance(0.5) ? pem : pem.replace(/\n/g, '\\n');
    },
    nearMiss: (f) => f.pem('PUBLIC KEY'),
  },
  'private-key-base64': {
    keys: ['SSH_PRIVATE_KEY_B64', 'DEPLOY_KEY_BASE64', 'GITHUB_APP_KEY'],
    make: (f) => Buffer.from(f.pem(f.pick(['PRIVATE KEY', 'RSA PRIVATE KEY', 'OPENSSH PRIVATE KEY']), 8)).toString('base64'),
    nearMiss: (f) => Buffer.from(f.pem('CERTIFICATE', 8)).toString('base64'),
  },
  'putty-private-key': {
    keys: ['PUTTY_KEY', 'SFTP_KEY'],
    make: (f) => `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n${f.base64(48)}\nPrivate-Lines: 1\n${f.base64(48)}`,
  },
  'age-secret-key': { keys: ['SOPS_AGE_KEY', 'AGE_KEY'], make: (f) => `AGE-SECRET-KEY-1${f.chars(BECH32, 58)}`, nearMiss: (f) => `age1${f.chars(BECH32.toLowerCase(), 58)}` },
  'aws-access-key-id': {
    keys: ['AWS_ACCESS_KEY_ID', 'AWS_ACCESS_KEY', 'S3_ACCESS_KEY', 'awsAccessKeyId'],
    make: (f) => `${f.pick(['AKIA', 'ASIA'])}${f.upperAlnum(16).replace(/[0189]/g, '7')}`,
    nearMiss: (f) => `AKIA${f.chars(UPPER, 12)}`,
  },
  'aws-secret-access-key': { keys: ['AWS_SECRET_ACCESS_KEY', 'AWS_SECRET_KEY', 'aws_secret', 'S3_SECRET'], keyedOnly: true, make: (f) => f.mixed(40, ALNUM + '+/') },
  'azure-ad-client-secret': {
    keys: ['AZURE_CLIENT_SECRET', 'AAD_CLIENT_SECRET', 'MSAL_SECRET', 'ENTRA_APP_SECRET'],
    make: (f) => `${f.chars(ALNUM + '_~.', 3)}${f.int(7, 8)}Q~${f.mixed(34, ALNUM + '_~.-')}`,
  },
  'azure-storage-account-key': { keys: ['AZURE_STORAGE_KEY', 'STORAGE_ACCOUNT_KEY', 'COSMOS_KEY', 'AZURE_STORAGE_ACCESS_KEY'], make: (f) => f.base64(64) },
  'azure-devops-pat': { keys: ['AZURE_DEVOPS_PAT', 'AZDO_TOKEN', 'ADO_PAT'], keyedOnly: true, make: (f) => f.chars('abcdefghijklmnopqrstuvwxyz234567', 52) },
  'gcp-api-key': { keys: ['GOOGLE_API_KEY', 'GOOGLE_MAPS_API_KEY', 'GEMINI_API_KEY', 'FIREBASE_KEY'], make: (f) => `AIza${f.mixed(35, BASE64URL)}`, nearMiss: (f) => `AIza${f.mixed(20, BASE64URL)}` },
  'gcp-oauth-client-secret': { keys: ['GOOGLE_CLIENT_SECRET', 'GOOGLE_OAUTH_SECRET'], make: (f) => `GOCSPX-${f.mixed(28, BASE64URL)}` },
  'gcp-service-account-key-base64': { keys: ['GOOGLE_CREDENTIALS_BASE64', 'GCP_SA_KEY_B64'], make: (f) => Buffer.from(serviceAccountJson(f)).toString('base64') },
  'google-oauth-access-token': { keys: ['GOOGLE_ACCESS_TOKEN'], make: (f) => `ya29.${f.mixed(120, BASE64URL)}` },
  'google-oauth-refresh-token': { keys: ['GOOGLE_REFRESH_TOKEN'], make: (f) => `1//0${f.mixed(100, BASE64URL)}` },
  'firebase-fcm-server-key': { keys: ['FCM_SERVER_KEY'], make: (f) => `AAAA${f.mixed(7)}:APA91b${f.mixed(134, BASE64URL)}` },
  'alibaba-access-key-id': { keys: ['ALIBABA_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY'], make: (f) => `LTAI${f.alnum(20)}` },
  'digitalocean-token': { keys: ['DIGITALOCEAN_TOKEN', 'DO_API_TOKEN'], make: (f) => `${f.pick(['dop', 'doo', 'dor'])}_v1_${f.hex(64)}` },
  'heroku-api-key': { keys: ['HEROKU_API_KEY'], make: (f) => `HRKU-AA${f.mixed(58, BASE64URL)}` },
  'heroku-api-key-legacy': { keys: ['HEROKU_API_KEY', 'HEROKU_KEY', 'herokuApiKey'], keyedOnly: true, make: (f) => f.guid() },
  'cloudflare-origin-ca-key': { keys: ['CF_ORIGIN_CA_KEY'], make: (f) => `v1.0-${f.hex(24)}-${f.hex(146)}` },
  'cloudflare-api-token-legacy': { keys: ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_GLOBAL_KEY'], keyedOnly: true, make: (f) => (f.chance(0.7) ? f.mixed(40, BASE64URL) : f.hex(37)) },
  'vercel-token': { keys: ['VERCEL_TOKEN'], make: (f) => `${f.pick(['vcp', 'vci', 'vca'])}_${f.alnum(56)}` },
  'vercel-token-legacy': { keys: ['VERCEL_TOKEN', 'VERCEL_KEY'], keyedOnly: true, make: (f) => f.alnum(24) },
  'netlify-token': { keys: ['NETLIFY_AUTH_TOKEN'], make: (f) => `nfp_${f.alnum(36)}` },
  'netlify-token-legacy': { keys: ['NETLIFY_AUTH_TOKEN', 'NETLIFY_KEY'], keyedOnly: true, make: (f) => f.mixed(43, BASE64URL) },
  'flyio-token': { keys: ['FLY_API_TOKEN', 'FLY_ACCESS_TOKEN'], make: (f) => (f.chance(0.5) ? `fo1_${f.mixed(43, BASE64URL)}` : `FlyV1 fm2_${f.base64(120)}`) },
  'supabase-secret-key': { keys: ['SUPABASE_ACCESS_TOKEN', 'SUPABASE_SECRET_KEY'], make: (f) => (f.chance(0.5) ? `sbp_${f.hex(40)}` : `sb_secret_${f.mixed(32, BASE64URL)}`) },
  'planetscale-token': { keys: ['PLANETSCALE_TOKEN', 'PSCALE_PASSWORD'], make: (f) => `pscale_${f.pick(['tkn', 'pw', 'oauth'])}_${f.mixed(43, BASE64URL)}` },
  'databricks-token': { keys: ['DATABRICKS_TOKEN', 'DATABRICKS_HOST_TOKEN'], make: (f) => `dapi${f.hex(32)}` },
  'neon-api-key': { keys: ['NEON_API_KEY'], make: (f) => `napi_${f.lowerAlnum(64)}` },
  'render-api-key': { keys: ['RENDER_API_KEY'], make: (f) => `rnd_${f.alnum(32)}` },
  'hashicorp-vault-token': { keys: ['VAULT_TOKEN', 'VAULT_ROOT_TOKEN'], make: (f) => `${f.pick(['hvs', 'hvb'])}.${f.mixed(f.int(90, 180), BASE64URL)}` },
  'terraform-cloud-token': { keys: ['TFE_TOKEN', 'TF_TOKEN_app_terraform_io'], make: (f) => `${f.alnum(14)}.atlasv1.${f.mixed(67, BASE64URL)}` },
  'pulumi-access-token': { keys: ['PULUMI_ACCESS_TOKEN'], make: (f) => `pul-${f.hex(40)}` },
  'doppler-token': { keys: ['DOPPLER_TOKEN'], make: (f) => `dp.${f.pick(['pt', 'st', 'sa', 'ct'])}.${f.alnum(43)}` },
  'tailscale-key': { keys: ['TS_AUTHKEY', 'TAILSCALE_API_KEY', 'TS_OAUTH_CLIENT_SECRET'], make: (f) => `tskey-${f.pick(['auth', 'api', 'client'])}-k${f.alnum(11)}CNTRL-${f.alnum(32)}` },
  'grafana-token': { keys: ['GRAFANA_API_KEY', 'GRAFANA_SA_TOKEN', 'GRAFANA_CLOUD_TOKEN'], make: (f) => (f.chance(0.5) ? `glsa_${f.alnum(32)}_${f.hex(8)}` : `glc_${f.base64(60).replace(/=+$/, '')}`) },
  'newrelic-key': { keys: ['NEW_RELIC_API_KEY', 'NEW_RELIC_LICENSE_KEY'], make: (f) => (f.chance(0.5) ? `NRAK-${f.upperAlnum(27)}` : `NRII-${f.mixed(32, BASE64URL)}`) },
  'sentry-token': { keys: ['SENTRY_AUTH_TOKEN'], make: (f) => (f.chance(0.5) ? `sntryu_${f.hex(64)}` : `sntrys_${f.jsonSegment({ iat: f.int(1e9, 2e9), url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: f.word() })}_${f.mixed(43, ALNUM + '+/')}`) },
  'dynatrace-token': { keys: ['DT_API_TOKEN', 'DYNATRACE_TOKEN'], make: (f) => `dt0c01.${f.upperAlnum(24)}.${f.upperAlnum(64)}` },
  'datadog-api-key': { keys: ['DD_API_KEY', 'DATADOG_APP_KEY', 'DATADOG_KEY'], keyedOnly: true, make: (f) => f.hex(f.pick([32, 40])) },
  'github-token': { keys: ['GITHUB_TOKEN', 'GH_TOKEN', 'GH_PAT', 'githubToken'], make: (f) => (f.chance(0.5) ? withCrc32Base62(`${f.pick(['ghp', 'gho', 'ghu', 'ghs', 'ghr'])}_`, f) : `${f.pick(['ghp', 'gho', 'ghu', 'ghs', 'ghr'])}_${f.alnum(36)}`), nearMiss: (f) => `ghp_${f.alnum(12)}` },
  'github-fine-grained-pat': { keys: ['GITHUB_PAT', 'GH_TOKEN'], make: (f) => `github_pat_${f.alnum(22)}_${f.alnum(59)}` },
  'gitlab-pat': { keys: ['GITLAB_TOKEN', 'GL_TOKEN', 'CI_GITLAB_TOKEN'], make: (f) => `glpat-${f.mixed(20, BASE64URL)}` },
  'gitlab-token': { keys: ['GITLAB_RUNNER_TOKEN', 'GITLAB_DEPLOY_TOKEN'], make: (f) => (f.chance(0.5) ? `${f.pick(['glrt', 'gldt', 'glft'])}-${f.mixed(20, BASE64URL)}` : `glptt-${f.hex(40)}`) },
  'bitbucket-app-password': { keys: ['BITBUCKET_APP_PASSWORD', 'BITBUCKET_TOKEN'], make: (f) => `ATBB${f.alnum(32)}` },
  'atlassian-api-token': { keys: ['JIRA_API_TOKEN', 'ATLASSIAN_TOKEN', 'CONFLUENCE_TOKEN'], make: (f) => `ATATT3xFfGF0${f.mixed(170, BASE64URL)}=${f.hex(8).toUpperCase()}` },
  'sonarqube-token': { keys: ['SONAR_TOKEN'], make: (f) => `${f.pick(['squ', 'sqp', 'sqa'])}_${f.hex(40)}` },
  'buildkite-token': { keys: ['BUILDKITE_API_TOKEN'], make: (f) => `bkua_${f.hex(40)}` },
  'circleci-token': { keys: ['CIRCLECI_TOKEN', 'CIRCLE_TOKEN'], make: (f) => `CCIPAT_${f.alnum(22)}_${f.hex(40)}` },
  'sourcegraph-token': { keys: ['SRC_ACCESS_TOKEN'], make: (f) => `sgp_${f.hex(16)}_${f.hex(40)}` },
  'harness-token': { keys: ['HARNESS_API_KEY'], make: (f) => `pat.${f.mixed(22, BASE64URL)}.${f.alnum(24)}.${f.alnum(20)}` },
  'openshift-token': { keys: ['OPENSHIFT_TOKEN', 'OC_TOKEN'], make: (f) => `sha256~${f.mixed(43, BASE64URL)}` },
  'jfrog-token': { keys: ['ARTIFACTORY_API_KEY', 'JFROG_TOKEN'], make: (f) => (f.chance(0.5) ? `AKCp${f.alnum(69)}` : `cmVmd${f.alnum(59)}`) },
  'npm-token': { keys: ['NPM_TOKEN', 'NODE_AUTH_TOKEN', 'NPM_AUTH_TOKEN'], make: (f) => withCrc32Base62('npm_', f), nearMiss: (f) => `npm_${f.alnum(10)}` },
  'pypi-token': { keys: ['PYPI_TOKEN', 'TWINE_PASSWORD'], make: (f) => `pypi-AgEIcHlwaS5vcmc${f.mixed(150, BASE64URL)}` },
  'nuget-api-key': { keys: ['NUGET_API_KEY'], make: (f) => `oy2${f.lowerAlnum(43)}` },
  'rubygems-api-key': { keys: ['GEM_HOST_API_KEY', 'RUBYGEMS_API_KEY'], make: (f) => `rubygems_${f.hex(48)}` },
  'docker-hub-token': { keys: ['DOCKERHUB_TOKEN', 'DOCKER_PASSWORD', 'DOCKER_TOKEN'], make: (f) => `dckr_pat_${f.mixed(27, BASE64URL)}` },
  'clojars-token': { keys: ['CLOJARS_TOKEN'], make: (f) => `CLOJARS_${f.lowerAlnum(60)}` },
  'clerk-secret-key': { keys: ['CLERK_SECRET_KEY', 'CLERK_API_KEY'], keyedOnly: true, make: (f) => `sk_${f.pick(['live', 'test'])}_${f.alnum(46)}` },
  'stripe-secret-key': {
    keys: ['STRIPE_SECRET_KEY', 'STRIPE_KEY', 'stripeKey', 'STRIPE_API_KEY', 'PAYMENTS_KEY', 'STRIPE_RESTRICTED_KEY'],
    make: (f) => `${f.pick(['sk', 'sk', 'rk'])}_${f.pick(['live', 'test'])}_${f.alnum(f.pick([24, 99]))}`,
    nearMiss: (f) => `pk_${f.pick(['live', 'test'])}_${f.alnum(24)}`,
  },
  'stripe-webhook-secret': { keys: ['STRIPE_WEBHOOK_SECRET', 'WEBHOOK_SIGNING_SECRET'], make: (f) => `whsec_${f.alnum(32)}` },
  'square-token': { keys: ['SQUARE_ACCESS_TOKEN', 'SQUARE_APP_SECRET'], make: (f) => f.pick([`sq0atp-${f.mixed(22, BASE64URL)}`, `sq0csp-${f.mixed(43, BASE64URL)}`, `EAAA${f.mixed(60, BASE64URL)}`]) },
  'braintree-access-token': { keys: ['BRAINTREE_ACCESS_TOKEN', 'PAYPAL_ACCESS_TOKEN'], make: (f) => `access_token$${f.pick(['production', 'sandbox'])}$${f.lowerAlnum(16)}$${f.hex(32)}` },
  'braintree-private-key': { keys: ['BRAINTREE_PRIVATE_KEY'], keyedOnly: true, make: (f) => f.hex(32) },
  'paypal-client-secret': { keys: ['PAYPAL_CLIENT_SECRET', 'PAYPAL_SECRET'], keyedOnly: true, make: (f) => f.mixed(80, BASE64URL) },
  'shopify-token': { keys: ['SHOPIFY_ACCESS_TOKEN', 'SHOPIFY_API_SECRET'], make: (f) => `${f.pick(['shpat', 'shpca', 'shppa', 'shpss'])}_${f.hex(32)}` },
  'flutterwave-secret-key': { keys: ['FLW_SECRET_KEY'], make: (f) => `FLWSECK_TEST-${f.chars('abcdefgh0123456789', 32)}-X` },
  'shippo-token': { keys: ['SHIPPO_API_TOKEN'], make: (f) => `shippo_${f.pick(['live', 'test'])}_${f.hex(40)}` },
  'easypost-api-key': { keys: ['EASYPOST_API_KEY'], make: (f) => `${f.pick(['EZAK', 'EZTK'])}${f.alnum(54)}` },
  'duffel-token': { keys: ['DUFFEL_ACCESS_TOKEN'], make: (f) => `duffel_${f.pick(['live', 'test'])}_${f.mixed(43, BASE64URL)}` },
  'plaid-access-token': { keys: ['PLAID_ACCESS_TOKEN'], make: (f) => `access-${f.pick(['sandbox', 'production', 'development'])}-${f.guid()}` },
  'plaid-secret': { keys: ['PLAID_SECRET', 'PLAID_SANDBOX_SECRET'], keyedOnly: true, make: (f) => f.hex(30) },
  'stytch-secret': { keys: ['STYTCH_SECRET'], make: (f) => `secret-${f.pick(['live', 'test'])}-${f.mixed(36, BASE64URL)}` },
  'openai-api-key': {
    keys: ['OPENAI_API_KEY', 'OPENAI_KEY', 'openaiApiKey', 'LLM_API_KEY', 'OPENAI_ADMIN_KEY'],
    make: (f) => (f.chance(0.5) ? `sk-${f.pick(['proj', 'svcacct', 'admin'])}-${f.mixed(74, BASE64URL)}T3BlbkFJ${f.mixed(74, BASE64URL)}` : `sk-${f.alnum(20)}T3BlbkFJ${f.alnum(20)}`),
    nearMiss: (f) => `sk-${f.alnum(8)}`,
  },
  'anthropic-api-key': { keys: ['ANTHROPIC_API_KEY', 'CLAUDE_API_KEY', 'ANTHROPIC_KEY'], make: (f) => `sk-ant-${f.pick(['api03', 'admin01'])}-${f.mixed(93, BASE64URL)}AA` },
  'openrouter-api-key': { keys: ['OPENROUTER_API_KEY'], make: (f) => `sk-or-v1-${f.hex(64)}` },
  'huggingface-token': { keys: ['HF_TOKEN', 'HUGGINGFACE_API_KEY', 'HUGGING_FACE_HUB_TOKEN'], make: (f) => `hf_${f.mixed(34, LOWER + UPPER)}` },
  'groq-api-key': { keys: ['GROQ_API_KEY'], make: (f) => `gsk_${f.alnum(52)}` },
  'replicate-api-token': { keys: ['REPLICATE_API_TOKEN'], make: (f) => `r8_${f.alnum(37)}` },
  'xai-api-key': { keys: ['XAI_API_KEY', 'GROK_API_KEY'], make: (f) => `xai-${f.alnum(80)}` },
  'perplexity-api-key': { keys: ['PERPLEXITY_API_KEY', 'PPLX_API_KEY'], make: (f) => `pplx-${f.alnum(48)}` },
  'langsmith-api-key': { keys: ['LANGSMITH_API_KEY', 'LANGCHAIN_API_KEY'], make: (f) => `lsv2_${f.pick(['pt', 'sk'])}_${f.hex(32)}_${f.hex(10)}` },
  'pinecone-api-key': { keys: ['PINECONE_API_KEY'], make: (f) => `pcsk_${f.alnum(6)}_${f.alnum(63)}` },
  'elevenlabs-api-key': { keys: ['ELEVENLABS_API_KEY', 'XI_API_KEY'], make: (f) => `sk_${f.hex(48)}` },
  'cohere-api-key': { keys: ['COHERE_API_KEY', 'COHERE_KEY'], keyedOnly: true, make: (f) => f.alnum(40) },
  'mistral-api-key': { keys: ['MISTRAL_API_KEY', 'MISTRAL_KEY'], keyedOnly: true, make: (f) => f.alnum(32) },
  'deepgram-api-key': { keys: ['DEEPGRAM_API_KEY', 'DEEPGRAM_KEY'], keyedOnly: true, make: (f) => f.hex(40) },
  'ai-provider-api-key': { keys: ['DEEPSEEK_API_KEY', 'MOONSHOT_API_KEY', 'LLM_KEY'], make: (f) => `sk-${f.chance(0.5) ? f.hex(32) : f.alnum(48)}` },
  'slack-token': {
    keys: ['SLACK_BOT_TOKEN', 'SLACK_TOKEN', 'SLACK_USER_TOKEN'],
    make: (f) => `xox${f.pick(['b', 'p', 'a', 'r'])}-${f.chars(DIGITS, 12)}-${f.chars(DIGITS, 13)}-${f.alnum(24)}`,
    nearMiss: (f) => `xoxb-${f.chars(DIGITS, 4)}`,
  },
  'slack-app-token': { keys: ['SLACK_APP_TOKEN'], make: (f) => `xapp-1-A${f.upperAlnum(10)}-${f.chars(DIGITS, 13)}-${f.hex(64)}` },
  'slack-webhook-url': { keys: ['SLACK_WEBHOOK_URL', 'SLACK_WEBHOOK', 'ALERTS_WEBHOOK'], make: (f) => `https://hooks.slack.com/services/T${f.upperAlnum(10)}/B${f.upperAlnum(10)}/${f.alnum(24)}` },
  'discord-bot-token': { keys: ['DISCORD_TOKEN', 'DISCORD_BOT_TOKEN', 'BOT_TOKEN'], make: (f) => `${f.pick(['M', 'N', 'O'])}${f.alnum(25)}.${f.mixed(6, BASE64URL).slice(0, 6)}.${f.mixed(38, BASE64URL)}` },
  'discord-webhook-url': { keys: ['DISCORD_WEBHOOK_URL', 'DISCORD_WEBHOOK'], make: (f) => `https://discord.com/api/webhooks/${f.chars(DIGITS, 18)}/${f.mixed(68, BASE64URL)}` },
  'discord-client-secret': { keys: ['DISCORD_CLIENT_SECRET', 'DISCORD_OAUTH_SECRET'], keyedOnly: true, make: (f) => f.mixed(32, BASE64URL) },
  'telegram-bot-token': { keys: ['TELEGRAM_BOT_TOKEN', 'TG_TOKEN', 'BOT_TOKEN'], make: (f) => `${f.int(100000000, 9999999999)}:AA${f.mixed(33, BASE64URL)}` },
  'teams-webhook-url': { keys: ['TEAMS_WEBHOOK_URL'], make: (f) => `https://${f.word()}.webhook.office.com/webhookb2/${f.guid()}@${f.guid()}/IncomingWebhook/${f.hex(32)}/${f.guid()}` },
  'twilio-api-key': { keys: ['TWILIO_API_KEY', 'TWILIO_KEY'], make: (f) => `SK${f.hex(32)}` },
  'twilio-auth-token': { keys: ['TWILIO_AUTH_TOKEN', 'TWILIO_TOKEN', 'twilioAuthToken'], keyedOnly: true, make: (f) => f.hex(32) },
  'sendgrid-api-key': { keys: ['SENDGRID_API_KEY', 'SENDGRID_KEY', 'SMTP_PASSWORD'], make: (f) => `SG.${f.mixed(22, BASE64URL)}.${f.mixed(43, BASE64URL)}` },
  'mailgun-api-key': { keys: ['MAILGUN_API_KEY', 'MAILGUN_KEY'], make: (f) => `key-${f.hex(32)}` },
  'mailgun-signing-key': { keys: ['MAILGUN_API_KEY', 'MAILGUN_WEBHOOK_SIGNING_KEY'], make: (f) => `${f.hex(32)}-${f.hex(8)}-${f.hex(8)}` },
  'mailchimp-api-key': { keys: ['MAILCHIMP_API_KEY', 'MAILCHIMP_KEY'], make: (f) => `${f.hex(32)}-us${f.int(1, 21)}` },
  'brevo-api-key': { keys: ['BREVO_API_KEY', 'SENDINBLUE_API_KEY'], make: (f) => `${f.pick(['xkeysib', 'xsmtpsib'])}-${f.hex(64)}-${f.alnum(16)}` },
  'postmark-token': { keys: ['POSTMARK_SERVER_TOKEN', 'POSTMARK_API_KEY', 'POSTMARK_KEY'], keyedOnly: true, make: (f) => f.guid() },
  'resend-api-key': { keys: ['RESEND_API_KEY'], make: (f) => `re_${f.alnum(8)}_${f.alnum(24)}` },
  'mailersend-api-key': { keys: ['MAILERSEND_API_KEY', 'MAILERSEND_TOKEN'], make: (f) => `mlsn.${f.hex(64)}` },
  'mandrill-api-key': { keys: ['MANDRILL_API_KEY', 'MANDRILL_KEY'], keyedOnly: true, make: (f) => `md-${f.mixed(22, BASE64URL)}` },
  'linear-api-key': { keys: ['LINEAR_API_KEY'], make: (f) => `lin_api_${f.alnum(40)}` },
  'notion-token': { keys: ['NOTION_TOKEN', 'NOTION_API_KEY'], make: (f) => (f.chance(0.5) ? `secret_${f.alnum(43)}` : `ntn_${f.chars(DIGITS, 11)}${f.alnum(35)}`) },
  'figma-token': { keys: ['FIGMA_TOKEN', 'FIGMA_ACCESS_TOKEN'], make: (f) => `figd_${f.mixed(40, BASE64URL)}` },
  'airtable-pat': { keys: ['AIRTABLE_API_KEY', 'AIRTABLE_TOKEN'], make: (f) => `pat${f.alnum(14)}.${f.hex(64)}` },
  'contentful-token': { keys: ['CONTENTFUL_MANAGEMENT_TOKEN'], make: (f) => `CFPAT-${f.mixed(43, BASE64URL)}` },
  'contentful-delivery-token': { keys: ['CONTENTFUL_DELIVERY_TOKEN', 'CONTENTFUL_ACCESS_TOKEN'], keyedOnly: true, make: (f) => f.mixed(43, BASE64URL) },
  'postman-api-key': { keys: ['POSTMAN_API_KEY'], make: (f) => `PMAK-${f.hex(24)}-${f.hex(34)}` },
  'mapbox-secret-token': {
    keys: ['MAPBOX_SECRET_TOKEN', 'MAPBOX_DOWNLOADS_TOKEN', 'MAPBOX_TOKEN'],
    make: (f) => `sk.${f.jsonSegment({ u: f.word(), a: f.lowerAlnum(25) })}.${f.mixed(22, BASE64URL)}`,
    nearMiss: (f) => `pk.${f.jsonSegment({ u: f.word(), a: f.lowerAlnum(25) })}.${f.mixed(22, BASE64URL)}`,
  },
  'posthog-personal-key': { keys: ['POSTHOG_PERSONAL_API_KEY'], make: (f) => `phx_${f.alnum(43)}` },
  'prefect-api-key': { keys: ['PREFECT_API_KEY'], make: (f) => `pnu_${f.alnum(36)}` },
  'readme-api-key': { keys: ['README_API_KEY'], make: (f) => `rdme_${f.lowerAlnum(70)}` },
  'infracost-api-key': { keys: ['INFRACOST_API_KEY'], make: (f) => `ico-${f.alnum(32)}` },
  'launchdarkly-key': { keys: ['LAUNCHDARKLY_SDK_KEY', 'LD_API_KEY'], make: (f) => `${f.pick(['sdk', 'api'])}-${f.guid()}`, nearMiss: (f) => `mob-${f.guid()}` },
  'onepassword-token': { keys: ['OP_SERVICE_ACCOUNT_TOKEN'], make: (f) => `ops_${f.jsonSegment({ signInAddress: 'my.1password.com', email: `${f.lowerAlnum(12)}@1passwordserviceaccounts.com`, secretKey: f.upperAlnum(30), srpX: f.hex(64), muk: { alg: 'A256GCM', k: f.base64url(32) } }).replace(/[-_]/g, 'A')}` },
  'facebook-access-token': { keys: ['FACEBOOK_ACCESS_TOKEN', 'FB_PAGE_TOKEN'], make: (f) => `EAA${f.pick(['B', 'G', 'C'])}${f.alnum(160)}` },
  'twitter-bearer-token': { keys: ['TWITTER_BEARER_TOKEN', 'X_BEARER_TOKEN'], make: (f) => `${'A'.repeat(22)}${f.mixed(90, ALNUM + '%')}` },
  'dropbox-token': { keys: ['DROPBOX_ACCESS_TOKEN'], make: (f) => `sl.${f.mixed(140, BASE64URL)}` },
  'okta-api-token': { keys: ['OKTA_API_TOKEN', 'OKTA_TOKEN'], keyedOnly: true, make: (f) => `00${f.mixed(40, BASE64URL)}` },
  'algolia-admin-key': { keys: ['ALGOLIA_ADMIN_KEY', 'ALGOLIA_WRITE_KEY'], keyedOnly: true, make: (f) => f.hex(32) },
  'snyk-token': { keys: ['SNYK_TOKEN', 'SNYK_KEY'], keyedOnly: true, make: (f) => f.guid() },
  jwt: {
    keys: ['SUPABASE_SERVICE_ROLE_KEY', 'API_JWT', 'SERVICE_TOKEN', 'AUTH_JWT'],
    make: (f) => f.jwt({ sub: f.guid(), role: f.pick(['service_role', 'authenticated', 'admin']), iat: f.int(1.6e9, 1.8e9) }),
    nearMiss: (f) => f.jwt({ iss: 'supabase', role: 'anon', iat: f.int(1.6e9, 1.8e9) }),
  },
  'aws-bedrock-api-key': { keys: ['AWS_BEARER_TOKEN_BEDROCK', 'BEDROCK_API_KEY'], make: (f) => `ABSK${f.mixed(f.int(110, 200), ALNUM + '+/')}`, nearMiss: (f) => `ABSK${f.alnum(8)}` },
  'cloudflare-api-token': { keys: ['CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN'], make: (f) => cloudflareToken(f.pick(['cfut_', 'cfat_', 'cfk_']), f), nearMiss: (f) => `cfut_${f.alnum(10)}` },
  'clickhouse-cloud-api-key': { keys: ['CLICKHOUSE_API_SECRET'], make: (f) => `4b1d${f.alnum(38)}` },
  'scalingo-api-token': { keys: ['SCALINGO_API_TOKEN'], make: (f) => `tk-us-${f.mixed(48, BASE64URL)}` },
  'yandex-cloud-token': { keys: ['YC_TOKEN', 'YANDEX_API_KEY'], make: (f) => f.pick([`AQVN${f.mixed(36, BASE64URL)}`, `t1.${f.mixed(40, BASE64URL)}.${f.mixed(86, BASE64URL)}`]) },
  'hashicorp-vault-token-legacy': { keys: ['VAULT_TOKEN'], make: (f) => `s.${f.alnum(24)}`, nearMiss: () => 's.AcceptanceTimeoutSeconds' },
  'newrelic-browser-key': { keys: ['NEW_RELIC_KEY', 'NEWRELIC_JS_KEY'], make: (f) => `NRJS-${f.hex(19)}` },
  'github-app-installation-token': { keys: ['GITHUB_TOKEN', 'GH_INSTALLATION_TOKEN'], make: (f) => `ghs_${f.int(10000, 9999999)}_${f.jwt({ iss: String(f.int(1000, 99999)), exp: f.int(1.7e9, 1.9e9) })}` },
  'gitlab-session-cookie': { keys: ['GITLAB_SESSION', 'GITLAB_COOKIE'], make: (f) => `_gitlab_session=${f.lowerAlnum(32)}` },
  'jfrog-identity-token': { keys: ['JFROG_ACCESS_TOKEN', 'ARTIFACTORY_PASSWORD'], keyedOnly: true, make: (f) => f.alnum(f.pick([64, 73])) },
  'atlassian-api-token-legacy': { keys: ['JIRA_API_TOKEN', 'CONFLUENCE_TOKEN'], keyedOnly: true, make: (f) => f.alnum(24) },
  'octopus-deploy-api-key': { keys: ['OCTOPUS_API_KEY'], make: (f) => `API-${f.upperAlnum(26)}` },
  'defined-networking-api-token': { keys: ['DN_API_KEY'], make: (f) => `dnkey-${f.mixed(26, ALNUM + '_')}-${f.mixed(52, ALNUM + '_')}` },
  'authress-access-key': { keys: ['AUTHRESS_KEY'], make: (f) => `sc_${f.lowerAlnum(10)}.${f.lowerAlnum(4)}.acc_${f.lowerAlnum(16)}.${f.mixed(60, BASE64URL)}` },
  'gocardless-api-token': { keys: ['GOCARDLESS_ACCESS_TOKEN'], make: (f) => `live_${f.mixed(40, BASE64URL)}` },
  'maxmind-license-key': { keys: ['MAXMIND_LICENSE_KEY'], make: (f) => `${f.alnum(6)}_${f.alnum(29)}_mmk` },
  'hubspot-private-app-token': { keys: ['HUBSPOT_ACCESS_TOKEN'], make: (f) => `pat-${f.pick(['na1', 'eu1'])}-${f.guid()}` },
  'hubspot-api-key': { keys: ['HUBSPOT_API_KEY'], keyedOnly: true, make: (f) => f.guid() },
  'typeform-token': { keys: ['TYPEFORM_TOKEN'], make: (f) => `tfp_${f.mixed(59, ALNUM + '_')}` },
  'frameio-api-token': { keys: ['FRAMEIO_TOKEN'], make: (f) => `fio-u-${f.mixed(64, BASE64URL)}` },
  'settlemint-token': { keys: ['SETTLEMINT_ACCESS_TOKEN'], make: (f) => `sm_${f.pick(['pat', 'aat', 'sat'])}_${f.alnum(16)}` },
  'intra42-client-secret': { keys: ['FT_CLIENT_SECRET', 'INTRA_SECRET'], make: (f) => `s-s4t2${f.pick(['ud', 'af'])}-${f.hex(64)}` },
  'adobe-client-secret': { keys: ['ADOBE_CLIENT_SECRET'], make: (f) => `p8e-${f.alnum(32)}` },
  'dropbox-long-lived-token': { keys: ['DROPBOX_TOKEN'], make: (f) => `${f.alnum(11)}AAAAAAAAAA${f.mixed(43, BASE64URL)}` },
  'facebook-app-access-token': { keys: ['FACEBOOK_APP_TOKEN', 'FB_ACCESS_TOKEN'], make: (f) => `${f.chars(DIGITS, 15)}|${f.mixed(27, BASE64URL)}` },
  'adafruit-io-key': { keys: ['ADAFRUIT_IO_KEY'], keyedOnly: true, make: (f) => `aio_${f.alnum(28)}` },
  'airtable-api-key-legacy': { keys: ['AIRTABLE_API_KEY'], keyedOnly: true, make: (f) => `key${f.alnum(14)}` },
  'alibaba-access-key-secret': { keys: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIYUN_SECRET'], keyedOnly: true, make: (f) => f.alnum(30) },
  'asana-token': { keys: ['ASANA_ACCESS_TOKEN', 'ASANA_PAT'], keyedOnly: true, make: (f) => `${f.int(1, 2)}/${f.chars(DIGITS, 16)}:${f.alnum(32)}` },
  'beamer-api-key': { keys: ['BEAMER_API_KEY'], keyedOnly: true, make: (f) => `b_${f.mixed(44, ALNUM + '_-')}` },
  'bitbucket-client-secret': { keys: ['BITBUCKET_CLIENT_SECRET', 'BITBUCKET_OAUTH_SECRET'], keyedOnly: true, make: (f) => f.alnum(32) },
  'bittrex-api-key': { keys: ['BITTREX_API_SECRET', 'BITTREX_KEY'], keyedOnly: true, make: (f) => f.alnum(32) },
  'codecov-token': { keys: ['CODECOV_TOKEN'], keyedOnly: true, make: (f) => f.guid() },
  'coinbase-api-key': { keys: ['COINBASE_API_SECRET'], keyedOnly: true, make: (f) => f.mixed(64, BASE64URL) },
  'confluent-api-key': { keys: ['CONFLUENT_API_SECRET', 'KAFKA_API_SECRET'], keyedOnly: true, make: (f) => f.mixed(64, ALNUM + '+/') },
  'droneci-token': { keys: ['DRONE_TOKEN'], keyedOnly: true, make: (f) => f.alnum(32) },
  'etsy-api-key': { keys: ['ETSY_API_KEY', 'ETSY_KEYSTRING'], keyedOnly: true, make: (f) => f.lowerAlnum(24) },
  'facebook-app-secret': { keys: ['FACEBOOK_APP_SECRET', 'FB_SECRET'], keyedOnly: true, make: (f) => f.hex(32) },
  'fastly-api-token': { keys: ['FASTLY_API_TOKEN', 'FASTLY_KEY'], keyedOnly: true, make: (f) => f.mixed(32, BASE64URL) },
  'finicity-secret': { keys: ['FINICITY_PARTNER_SECRET', 'FINICITY_APP_KEY'], keyedOnly: true, make: (f) => f.pick([f.alnum(20), f.hex(32)]) },
  'finnhub-api-key': { keys: ['FINNHUB_API_KEY'], keyedOnly: true, make: (f) => f.lowerAlnum(20) },
  'flickr-api-key': { keys: ['FLICKR_API_KEY', 'FLICKR_SECRET'], keyedOnly: true, make: (f) => f.alnum(32) },
  'freshbooks-token': { keys: ['FRESHBOOKS_TOKEN'], keyedOnly: true, make: (f) => f.alnum(64) },
  'gitter-token': { keys: ['GITTER_TOKEN'], keyedOnly: true, make: (f) => f.mixed(40, BASE64URL) },
  'intercom-access-token': { keys: ['INTERCOM_ACCESS_TOKEN'], keyedOnly: true, make: (f) => f.mixed(60, BASE64URL) },
  'kraken-api-key': { keys: ['KRAKEN_PRIVATE_KEY', 'KRAKEN_API_SECRET'], keyedOnly: true, make: (f) => f.base64(64) },
  'kucoin-api-key': { keys: ['KUCOIN_API_SECRET', 'KUCOIN_KEY'], keyedOnly: true, make: (f) => f.pick([f.hex(24), f.guid()]) },
  'launchdarkly-access-token': { keys: ['LAUNCHDARKLY_ACCESS_TOKEN'], keyedOnly: true, make: (f) => f.mixed(40, BASE64URL) },
  'linear-client-secret': { keys: ['LINEAR_CLIENT_SECRET'], keyedOnly: true, make: (f) => f.hex(32) },
  'linkedin-client-secret': { keys: ['LINKEDIN_CLIENT_SECRET'], keyedOnly: true, make: (f) => f.alnum(16) },
  'lob-api-key': { keys: ['LOB_API_KEY', 'LOB_SECRET'], keyedOnly: true, make: (f) => `${f.pick(['live', 'test'])}_${f.hex(35)}` },
  'looker-client-secret': { keys: ['LOOKER_CLIENT_SECRET'], keyedOnly: true, make: (f) => f.alnum(24) },
  'mattermost-token': { keys: ['MATTERMOST_TOKEN'], keyedOnly: true, make: (f) => f.lowerAlnum(26) },
  'messagebird-api-key': { keys: ['MESSAGEBIRD_API_KEY'], keyedOnly: true, make: (f) => f.alnum(25) },
  'nytimes-api-key': { keys: ['NYTIMES_API_KEY'], keyedOnly: true, make: (f) => f.alnum(32) },
  'privateai-api-key': { keys: ['PRIVATEAI_API_KEY'], keyedOnly: true, make: (f) => f.lowerAlnum(32) },
  'rapidapi-key': { keys: ['RAPIDAPI_KEY'], keyedOnly: true, make: (f) => f.mixed(50, BASE64URL) },
  'sendbird-api-token': { keys: ['SENDBIRD_API_TOKEN'], keyedOnly: true, make: (f) => f.hex(40) },
  'sentry-access-token': { keys: ['SENTRY_TOKEN', 'SENTRY_API_KEY'], keyedOnly: true, make: (f) => f.hex(64) },
  'sidekiq-credentials': { keys: ['SIDEKIQ_PRO_CREDENTIALS', 'CONTRIBSYS_GEMS_AUTH'], keyedOnly: true, make: (f) => `${f.hex(8)}:${f.hex(8)}` },
  'sonarqube-token-legacy': { keys: ['SONAR_TOKEN', 'SONAR_LOGIN'], keyedOnly: true, make: (f) => f.hex(40) },
  'sourcegraph-token-legacy': { keys: ['SOURCEGRAPH_TOKEN'], keyedOnly: true, make: (f) => f.hex(40) },
  'squarespace-api-key': { keys: ['SQUARESPACE_API_KEY'], keyedOnly: true, make: (f) => f.guid() },
  'sumologic-access-id': { keys: ['SUMO_ACCESS_ID', 'SUMOLOGIC_ACCESSID'], keyedOnly: true, make: (f) => `su${f.alnum(12)}` },
  'sumologic-access-key': { keys: ['SUMO_ACCESS_KEY', 'SUMOLOGIC_ACCESSKEY'], keyedOnly: true, make: (f) => f.alnum(64) },
  'travisci-token': { keys: ['TRAVIS_TOKEN', 'TRAVIS_API_TOKEN'], keyedOnly: true, make: (f) => f.alnum(22) },
  'trello-api-key': { keys: ['TRELLO_API_KEY', 'TRELLO_TOKEN'], keyedOnly: true, make: (f) => f.pick([f.alnum(32), f.alnum(64)]) },
  'twitch-api-token': { keys: ['TWITCH_CLIENT_SECRET', 'TWITCH_OAUTH_TOKEN'], keyedOnly: true, make: (f) => f.lowerAlnum(30) },
  'twitter-api-secret': { keys: ['TWITTER_API_SECRET', 'TWITTER_ACCESS_TOKEN_SECRET'], keyedOnly: true, make: (f) => f.alnum(f.pick([25, 45, 50])) },
  'zendesk-api-token': { keys: ['ZENDESK_API_TOKEN'], keyedOnly: true, make: (f) => f.alnum(40) },
  'jwt-base64': { keys: ['KUBE_JWT_B64', 'SERVICE_JWT_BASE64'], make: (f) => Buffer.from(f.jwt({ sub: f.guid(), iat: f.int(1.6e9, 1.8e9) })).toString('base64') },
};

/** Neutral key names: they say nothing, so only the value's format can reveal a secret. */
export const NEUTRAL_KEYS = [
  'VALUE', 'CONFIG_VALUE', 'MY_VAR', 'SETTING_A', 'LEGACY_VALUE', 'BACKUP', 'DATA', 'INTEGRATION', 'FOO_BAR', 'misc',
  'UPSTREAM', 'SERVICE_CONFIG', 'OPTION_2', 'THING', 'customSetting', 'X', 'PAYLOAD', 'IMPORTED_1',
];
