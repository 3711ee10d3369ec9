/**
 * Deterministic fake credentials for tests, assembled at run time so that no token-shaped string
 * sits in the repository (secret scanners, `vsce package`) and every run uses the same values.
 */
function stream(seed: string, alphabet: string, length: number): string {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    h ^= h << 13; h >>>= 0; h ^= h >>> 17; h ^= h << 5; h >>>= 0;
    out += alphabet[h % alphabet.length];
  }
  return out;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';

export const fake = {
  githubToken: (seed = 'gh') => `gh${'p'}_${stream(seed, ALNUM, 36)}`,
  awsAccessKeyId: (seed = 'aws') => `AK${'IA'}${stream(seed, UPPER_DIGITS, 16)}`,
  awsSecretAccessKey: (seed = 'awss') => stream(seed, `${ALNUM}/+`, 40),
  stripeSecret: (seed = 'stripe') => `sk_${'live'}_${stream(seed, ALNUM, 24)}`,
  stripePublishable: (seed = 'stripep') => `pk_${'live'}_${stream(seed, ALNUM, 24)}`,
  // Every OpenAI key carries `T3BlbkFJ` (base64 of `OpenAI`) between its random halves.
  openAiKey: (seed = 'oai') => `sk-${'proj'}-${stream(seed, ALNUM, 24)}${'T3Blbk'}FJ${stream(`${seed}/2`, ALNUM, 24)}`,
  slackBot: (seed = 'slack') => `xox${'b'}-${stream(seed, '0123456789', 12)}-${stream(`${seed}2`, '0123456789', 13)}-${stream(`${seed}3`, ALNUM, 24)}`,
  hex: (seed: string, length: number) => stream(seed, HEX, length),
  /** The password of the hardening issue's item 6, whose `#` dotenv cuts at and python-dotenv keeps. */
  issuePassword: () => ['Xk29pQ7vQ', 'Lms3aaZ'].join('#'),
  password: (seed = 'pw') => `${stream(seed, ALNUM, 10)}!${stream(`${seed}x`, '0123456789', 2)}`,
  guid: (seed = 'guid') => {
    const h = stream(seed, HEX, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  },
  privateKey: (seed = 'pk') => [`-----BEGIN ${'PRIVATE'} KEY-----`, ...Array.from({ length: 6 }, (_, i) => stream(`${seed}${i}`, `${ALNUM}+/`, 64)), `-----END ${'PRIVATE'} KEY-----`].join('\n'),
};
