/**
 * What each rule finds and what to do about it: a title, a one-paragraph description (what the
 * credential is, how to revoke it) and a default severity. Diagnostics link to it, SARIF carries it
 * (`rules[].fullDescription`, `helpUri`) and docs/rules.md is generated from it (scripts/rules-page.ts;
 * a test keeps the page current).
 */
import { MALFORMED_REFERENCE_RULE, NOT_FULLY_CHECKED_RULE } from './classify';
import { GENERIC_TOKEN_RULE } from './generic';
import { VENDOR_RULES, type VendorRule } from './vendor-rules';

export type Severity = 'error' | 'warning' | 'info';

export interface RuleDoc {
  readonly id: string;
  readonly title: string;
  /** One paragraph: what the credential is and how to revoke or rotate it. Never holds a value. */
  readonly description: string;
  readonly severity: Severity;
  /** `vendor`, `credentials`, `key-hint`, `generic` or `problem`: the family the rule belongs to. */
  readonly family: 'vendor' | 'credentials' | 'key-hint' | 'generic' | 'problem' | 'custom';
}

/** The rules page in the repository; anchors are the rule ids. */
export const RULES_PAGE_PATH = 'docs/rules.md';
export const RULES_PAGE_URL = 'https://github.com/envguard/envguard/blob/main/docs/rules.md';

export function ruleHelpUri(id: string): string {
  return `${RULES_PAGE_URL}#${id.startsWith('custom:') ? 'custom-patterns' : id}`;
}

/** Where each vendor's credentials are revoked (what a person does after a leak). */
const REVOKE: Record<string, string> = {
  AWS: 'Deactivate and delete the access key in IAM (Users → Security credentials), or delete the Bedrock API key; create a new one and check CloudTrail for its use.',
  Azure: 'Delete the secret under the app registration\'s Certificates & secrets, or regenerate the storage account key (Access keys); then update every consumer.',
  'Azure DevOps': 'Revoke the token under User settings → Personal access tokens and create a new one with the least scopes needed.',
  'Google Cloud': 'Delete the key in the Cloud console (IAM → Service accounts → Keys, or APIs & Services → Credentials) and create a new one; restrict API keys by API and referrer.',
  Google: 'Revoke the grant at myaccount.google.com/permissions or through the OAuth revoke endpoint; the application then signs in again.',
  Firebase: 'Legacy server keys cannot be rotated: migrate to the HTTP v1 API with a service account, then disable the legacy API in the Firebase console.',
  PEM: 'Replace the key pair: generate a new private key, deploy its public half (certificate, authorized_keys, JWKS), and revoke what trusted the old one.',
  PuTTY: 'Generate a new key pair with PuTTYgen and remove the old public key from every server\'s authorized keys.',
  age: 'Generate a new identity with age-keygen, re-encrypt the files that used the old recipient, and remove the old recipient everywhere.',
  'Alibaba Cloud': 'Disable and delete the AccessKey pair in the RAM console and create a new one.',
  DigitalOcean: 'Delete the token under API → Tokens (or the OAuth application) and generate a new one.',
  Heroku: 'Regenerate the API key in Account settings, or revoke the authorization with `heroku authorizations:revoke`.',
  Cloudflare: 'Roll or delete the token under My Profile → API Tokens (Origin CA keys and the Global API key are regenerated on the same page).',
  Vercel: 'Delete the token under Account settings → Tokens (or the integration) and create a new one.',
  Netlify: 'Revoke the personal access token under User settings → Applications and create a new one.',
  'Fly.io': 'Revoke the token with `fly tokens revoke` (or in the dashboard) and issue a new one.',
  Supabase: 'Roll the secret key (or the access token) in the project\'s API settings or your account\'s access tokens.',
  PlanetScale: 'Delete the service token or database password in the PlanetScale dashboard and create a new one.',
  Databricks: 'Revoke the token under User settings → Developer → Access tokens (or via the Token API).',
  'HashiCorp Vault': 'Revoke the token with `vault token revoke` (and its lease children); issue a new one from the auth method.',
  'HashiCorp Terraform': 'Delete the API token in HCP Terraform (User or Team settings → Tokens) and create a new one.',
  GitHub: 'Revoke it under Settings → Developer settings → Personal access tokens (or the OAuth/GitHub App settings); GitHub also revokes tokens reported to its secret scanning.',
  GitLab: 'Revoke the token under User settings → Access tokens (or the project, group, runner or deploy token page) and create a new one.',
  Bitbucket: 'Revoke the app password or API token under Personal settings, or the OAuth consumer secret in workspace settings.',
  Atlassian: 'Revoke the token at id.atlassian.com → Security → API tokens and create a new one.',
  npm: 'Revoke the token with `npm token revoke` or on npmjs.com → Access Tokens; npm revokes tokens found by GitHub secret scanning.',
  PyPI: 'Remove the API token in your PyPI account settings (or the project\'s) and create a new one scoped to one project.',
  NuGet: 'Delete or regenerate the API key on nuget.org → API Keys.',
  RubyGems: 'Delete the API key on rubygems.org → Settings → API keys and create a new scoped key.',
  'Docker Hub': 'Delete the access token under Account settings → Personal access tokens.',
  Stripe: 'Roll the key in the Dashboard (Developers → API keys; webhook secrets under the endpoint) and update the integration; review recent API requests in the logs.',
  Square: 'Revoke the access token or replace the application secret in the Developer Dashboard.',
  Braintree: 'Regenerate the API keys in the Braintree Control Panel (Settings → API).',
  PayPal: 'Rotate the app\'s client secret in the PayPal Developer Dashboard (generate a new one, then disable the old one).',
  Shopify: 'Uninstall or rotate the custom app\'s credentials in the store admin (Apps → Develop apps), or rotate the app secret in the Partner Dashboard.',
  OpenAI: 'Delete the key at platform.openai.com → API keys and create a new one; check the usage page for unexpected calls.',
  Anthropic: 'Delete the key in the Anthropic Console → API Keys and create a new one.',
  'Hugging Face': 'Invalidate the token under Settings → Access Tokens and create a new one.',
  Slack: 'Revoke the token (or the webhook) in the app\'s settings at api.slack.com/apps, or with `auth.revoke`; reinstall the app to get new tokens.',
  Discord: 'Reset the bot token or client secret in the Developer Portal; delete and recreate a leaked webhook.',
  Telegram: 'Send /revoke to @BotFather for the bot and use the new token.',
  'Microsoft Teams': 'Remove the incoming webhook connector from the channel and add a new one.',
  Twilio: 'Delete the API key (or promote a secondary auth token and rotate the primary) in the Twilio Console.',
  SendGrid: 'Delete the API key under Settings → API Keys and create a new one with the least permissions.',
  Mailgun: 'Regenerate the key under API Security (or the webhook signing key) in the Mailgun control panel.',
  Mailchimp: 'Revoke the API key under Account → Extras → API keys and create a new one.',
  Sentry: 'Revoke the auth token under User settings → Auth Tokens (or the organization token page).',
  Datadog: 'Revoke the API or application key under Organization settings and create a new one.',
  'New Relic': 'Delete the key in the API keys UI (one.newrelic.com → API keys) and create a new one.',
  Grafana: 'Revoke the token or service account token in Grafana (Administration → Service accounts) or Grafana Cloud (Access policies).',
  Okta: 'Revoke the token in the Okta Admin Console (Security → API → Tokens).',
  JFrog: 'Revoke the token or API key in the JFrog Platform (Administration → Identity and access → Access tokens).',
  Notion: 'Rotate (refresh) the internal integration secret on the integration\'s page at notion.so/my-integrations.',
  Linear: 'Revoke the key under Settings → API (or rotate the OAuth application secret).',
  Figma: 'Revoke the personal access token under Settings → Security.',
  Facebook: 'Reset the app secret in the Meta app dashboard (Settings → Basic); access tokens derived from it stop working.',
  'X (Twitter)': 'Regenerate the keys and tokens in the X developer portal (Projects & Apps → Keys and tokens).',
  JWT: 'A JWT is valid until it expires: rotate the key that signed it (which invalidates every token it signed), or revoke the session on the issuing service.',
};

/** Rules that say more than their vendor's sentence (format facts people ask about). */
const NOTES: Record<string, string> = {
  'github-token': 'Classic tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) end in a CRC-32 checksum of their random part, which EnvGuard verifies: a token with a valid checksum is reported even when it spells something a placeholder would.',
  'github-app-installation-token': 'GitHub\'s newer installation tokens carry the App id and a signed JWT (`ghs_<app id>_<jwt>`); they expire within an hour, but a leaked one still acts as the App until then.',
  'npm-token': 'npm tokens since 2021 carry the same CRC-32 checksum as GitHub\'s, verified here.',
  'cloudflare-api-token': 'Cloudflare\'s scannable tokens (`cfut_` user tokens, `cfat_` account tokens, `cfk_` API keys) end in a CRC-32 of their body, verified here.',
  'jwt-base64': 'A JWT encoded in base64 once more (`ZXlK…`), as Kubernetes secrets and some CI variables store it.',
  'newrelic-browser-key': 'Browser keys ship to web pages; they are reported unless the key says the value is public.',
  'gcp-api-key': 'Browser API keys are public by design when restricted; they are reported unless the key says the value is public. Google\'s and Firebase\'s documentation sample keys are never reported.',
  'aws-access-key-id': 'The id alone is not enough to sign requests, but its secret half is usually next to it. AWS\'s documentation pair (`…EXAMPLE`) is never reported.',
  'hashicorp-vault-token-legacy': 'Vault tokens before 1.10 were `s.` followed by 24 characters.',
  'slack-token': 'Bot (`xoxb-`), user (`xoxp-`), configuration (`xoxe.`), refresh and legacy (`xoxa-`, `xoxr-`, `xoxo-`, `xoxs-`) tokens.',
  'private-key': 'Any PEM private key (RSA, EC, OpenSSH, PKCS#8, encrypted or not, PGP) with a real body; `-----BEGIN PRIVATE KEY-----…` around `...` is a placeholder.',
};

/** Rules that are not vendor formats. */
const OTHER_RULES: Record<string, Omit<RuleDoc, 'id'>> = {
  'url-credentials': {
    title: 'Password in a URL',
    description: 'A URL carries a user name and password (`scheme://user:password@host`): anyone who reads the file can log in where the URL points. Move the password into a vault and build the URL at run time, then change the password on the server. Local development defaults (`postgres:postgres@localhost`, `guest:guest@rabbitmq`) are not reported unless `detection.reportLocalDefaults` is on.',
    severity: 'error',
    family: 'credentials',
  },
  'url-query-secret': {
    title: 'Secret in a URL query string',
    description: 'A URL carries a key, signature or token in its query string (`?sig=…`, `&api_key=…`, an Azure SAS): the URL is the credential. Revoke it where it was issued (regenerate the key, revoke the SAS policy) and keep the secret part in a vault.',
    severity: 'error',
    family: 'credentials',
  },
  'connection-string-secret': {
    title: 'Secret in a connection string',
    description: 'A `Key=Value;` connection string (Azure Storage, Service Bus, SQL Server, Redis) holds an account key or password. Regenerate the key or change the password on the service, and keep the connection string in a vault.',
    severity: 'error',
    family: 'credentials',
  },
  'authorization-header': {
    title: 'Authorization header credential',
    description: 'A value holds an HTTP Authorization header (`Bearer …`, `Basic …`, `Token …`): whoever sends it is authenticated. Revoke the token on the service that issued it (for Basic, change the password).',
    severity: 'error',
    family: 'credentials',
  },
  'command-line-credentials': {
    title: 'Credential in a command line',
    description: 'A command held by a value sends a credential (`curl -H "Authorization: …"`, `curl -u user:password`). Revoke the credential where it was issued, and let the command read it from the environment (`-H "Authorization: Bearer $TOKEN"`).',
    severity: 'error',
    family: 'credentials',
  },
  [GENERIC_TOKEN_RULE]: {
    title: 'Random-looking token',
    description: 'A long machine-generated string (letters and digits with high entropy, not hex, not a GUID) under a key that says nothing about it. Most such values are API keys or secrets; if this one is an identifier, rename the key (`…_ID`) or mark it "not a secret". If it is a credential, revoke it where it was issued.',
    severity: 'warning',
    family: 'generic',
  },
  'key-hint-password': {
    title: 'Password (by key name)',
    description: 'The key names a password and the value is not a placeholder, a reference or configuration. Change the password on the system it opens and keep the new one in a vault.',
    severity: 'error',
    family: 'key-hint',
  },
  'key-hint-secret': {
    title: 'Secret (by key name)',
    description: 'The key names a secret (`…_SECRET`, `CLIENT_SECRET`) and the value looks like one. Rotate it where it was issued (regenerate the client secret, the signing secret) and keep the new one in a vault.',
    severity: 'error',
    family: 'key-hint',
  },
  'key-hint-token': {
    title: 'Token (by key name)',
    description: 'The key names a token and the value looks like one. Revoke the token on the service that issued it and create a new one.',
    severity: 'error',
    family: 'key-hint',
  },
  'key-hint-api-key': {
    title: 'API key (by key name)',
    description: 'The key names an API key and the value looks like one. Delete the key in the provider\'s console and create a new one.',
    severity: 'error',
    family: 'key-hint',
  },
  'key-hint-private-key': {
    title: 'Private key (by key name)',
    description: 'The key names a private key (a wallet or signing key, often hex). Move the funds or replace the key pair: a private key cannot be revoked, only abandoned.',
    severity: 'error',
    family: 'key-hint',
  },
  'key-hint-access-key': {
    title: 'Access key (by key name)',
    description: 'The key names an access key and the value looks like one. Deactivate it in the provider\'s console and create a new one.',
    severity: 'error',
    family: 'key-hint',
  },
  'key-hint-credential': {
    title: 'Credential (by key name)',
    description: 'The key names credentials (`…_CREDENTIALS`, `…_CREDS`) and the value holds them. Change or revoke them where they are accepted.',
    severity: 'error',
    family: 'key-hint',
  },
  'key-hint-key-material': {
    title: 'Signing or encryption key (by key name)',
    description: 'The key names key material (`ENCRYPTION_KEY`, `SIGNING_KEY`, `SESSION_KEY`, `MASTER_KEY`). Generate a new key; data or sessions protected by the old one need re-encrypting or re-issuing.',
    severity: 'error',
    family: 'key-hint',
  },
  'key-hint-auth': {
    title: 'Authentication value (by key name)',
    description: 'The key names authentication (`AUTH`, `BEARER`) and the value is machine-generated or a `user:password` pair. Revoke or change it where it is accepted.',
    severity: 'warning',
    family: 'key-hint',
  },
  'key-hint-key': {
    title: 'Key (by key name)',
    description: 'The key is a generic `KEY`/`SALT`/`SIGNATURE` and the value is machine-generated, which most often means a secret. If it is not one, mark it "not a secret"; otherwise rotate it where it was issued.',
    severity: 'warning',
    family: 'key-hint',
  },
  [MALFORMED_REFERENCE_RULE]: {
    title: 'Malformed vault reference',
    description: 'A value starts like a vault reference but does not parse, so nothing can resolve it: correct it (the message says what is wrong).',
    severity: 'warning',
    family: 'problem',
  },
  [NOT_FULLY_CHECKED_RULE]: {
    title: 'Value not fully checked',
    description: 'A value too long, or JSON nested too deep or too large, to be checked whole: its unchecked part may hold a secret. Split it, or move it into a vault.',
    severity: 'info',
    family: 'problem',
  },
};

const CUSTOM_DOC: Omit<RuleDoc, 'id'> = {
  title: 'Custom pattern',
  description: 'A pattern defined in `envguard.detection.customPatterns` or `.envguard.json` matched the key or value. Its owner decides what it means; treat it as a secret unless they say otherwise.',
  severity: 'error',
  family: 'custom',
};

function vendorDoc(rule: VendorRule): RuleDoc {
  const what = rule.keyWords
    ? `${article(rule.description)} ${rule.description}, recognised by its shape under a key naming ${rule.vendor} (${rule.keyWords.map((w) => `\`${w}\``).join(', ')}).`
    : `${article(rule.description)} ${rule.description}, recognised by its format (${rule.literals
        .slice(0, 4)
        .map((l) => `\`${l}\``)
        .join(', ')}).`;
  const revoke = REVOKE[rule.vendor] ?? `Revoke it in ${rule.vendor}'s dashboard where it was created, then create a new one and keep it in a vault.`;
  const note = NOTES[rule.id];
  return {
    id: rule.id,
    title: capitalise(rule.description),
    description: [what, note, revoke].filter((part) => part !== undefined).join(' '),
    // A format that says "secret" is an error; medium formats (public by design sometimes) and keyed shapes are warnings.
    severity: rule.strength === 'strong' && !rule.keyWords ? 'error' : 'warning',
    family: 'vendor',
  };
}

/** `A`, or `An` before a vowel sound (`An AWS…`, `An age…`, `An npm…`). */
function article(noun: string): string {
  return /^(?:[aeiou]|AWS|npm|HashiCorp|HubSpot|X \(|MaxMind|LLM)/i.test(noun) && !/^(?:Us|Uni|Hugging|Hash|Hub)/.test(noun) ? 'An' : 'A';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

let byId: Map<string, RuleDoc> | undefined;

/** Every rule's documentation, vendor rules in table order, then the others. */
export function allRuleDocs(): readonly RuleDoc[] {
  return [...ruleDocMap().values()];
}

function ruleDocMap(): Map<string, RuleDoc> {
  if (!byId) {
    byId = new Map();
    for (const rule of VENDOR_RULES) byId.set(rule.id, vendorDoc(rule));
    for (const [id, doc] of Object.entries(OTHER_RULES)) byId.set(id, { id, ...doc });
  }
  return byId;
}

/** The documentation of one rule id (custom patterns share one entry). */
export function ruleDoc(id: string): RuleDoc {
  const found = ruleDocMap().get(id);
  if (found) return found;
  if (id.startsWith('custom:')) return { id, ...CUSTOM_DOC };
  return { id, title: id, description: 'A plaintext secret in an env file: move it into a vault and keep a reference (envguard migrate).', severity: 'error', family: 'vendor' };
}
