import { settingOf, type VaultConnector, type VaultHost } from '../connector';
import { lazyAwsSecretSource, loadAws } from './load';
import type { AwsLayout } from './names';

/** AWS Secrets Manager: credentials and region from the SDK's standard chains; signed requests only to Secrets Manager's endpoints or the user's own. */
export const awsConnector: VaultConnector = {
  kind: 'aws-secrets-manager',
  section: 'aws',
  settings: [
    // The region moved secrets go to (empty: the SDK's chain, AWS_REGION or the profile's).
    { name: 'region', type: 'string', default: '', cli: false },
    // One JSON secret per environment by default: a secret costs a monthly fee, a thousand keys a thousand fees.
    { name: 'layout', type: 'string', values: ['json-per-environment', 'secret-per-key'], default: 'json-per-environment' },
    // Whose identity signs: the user's (the CLI takes AWS_PROFILE through the SDK's chain).
    { name: 'profile', type: 'string', default: '', userOnly: true, cli: false },
    { name: 'allowedHosts', type: 'string-list', default: [], userOnly: true },
    { name: 'cacheSeconds', type: 'number', default: 60 },
  ],
  defaultSpec: (region) => (region === '' ? 'aws' : `aws:${region}`),
  choice: {
    icon: 'cloud',
    pitch: 'IAM, KMS, CloudTrail, rotation',
    detail: () => 'Credentials from the AWS SDK\'s standard chain (profile, SSO, environment).',
    locationSetting: 'region',
    prompt: 'The region moved secrets go to (empty: your default region, from AWS_REGION or your profile)',
    placeHolder: 'eu-west-1',
    optional: true,
  },
  async open(spec, host, write = {}) {
    const m = await loadAws();
    const vault = await m.AwsSecretsManager.open({
      ...connection(host),
      ...(spec.location ? { region: spec.location } : {}),
      layout: settingOf<AwsLayout>(awsConnector, host.settings, 'layout'),
      pinVersions: write.pinVersions === true,
    });
    host.log?.(`Using ${vault.displayName} (${vault.layout === 'json-per-environment' ? 'one JSON secret per environment' : 'one secret per key'})`);
    return vault;
  },
  // A region or account a reference names is confirmed once: a repository's references choose whose secrets your identity reads.
  source: (host, why) => lazyAwsSecretSource(() => ({
    ...connection(host),
    cacheTtlMs: settingOf<number>(awsConnector, host.settings, 'cacheSeconds') * 1000,
    confirmVault: (key) => host.confirmVault(key, why),
  })),
};

/** The user's identity (a profile) and the hosts they allowed; region and credentials otherwise from the SDK's chains. */
function connection(host: VaultHost): { allowedHosts: readonly string[]; profile?: string } {
  const profile = settingOf<string>(awsConnector, host.settings, 'profile').trim();
  return { allowedHosts: settingOf<readonly string[]>(awsConnector, host.settings, 'allowedHosts'), ...(profile ? { profile } : {}) };
}
