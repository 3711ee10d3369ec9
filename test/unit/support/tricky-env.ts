import { fake } from './fakes';

/** A realistic env file with every shape a migration must keep byte for byte (CRLF, quotes, export, multiline). */
export function trickyEnvFile(): { text: string; secretKeys: string[] } {
  const text = [
    '# Service settings',
    'PORT=3000',
    `export GITHUB_TOKEN=${fake.githubToken('mig1')}   # CI token`,
    `DB_PASSWORD='${fake.password('mig2')}'`,
    `DATABASE_URL="postgres://app:${fake.password('mig3')}@db.internal:5432/app?sslmode=require"`,
    `SIGNING_KEY="${fake.privateKey('mig4')}"`,
    'API_URL: https://api.example.com',
    `STRIPE_SECRET_KEY: ${fake.stripeSecret('mig5')}`,
    `SESSION_SECRET=\`${fake.hex('mig6', 48)}\``,
    '',
    '  # indented comment stays',
    `AWS_SECRET_ACCESS_KEY=${fake.awsSecretAccessKey('mig7')}#no space before this comment`,
    'EMPTY=',
    'FEATURE_X=true',
  ].join('\r\n') + '\r\n';
  return { text, secretKeys: ['GITHUB_TOKEN', 'DB_PASSWORD', 'DATABASE_URL', 'SIGNING_KEY', 'STRIPE_SECRET_KEY', 'SESSION_SECRET', 'AWS_SECRET_ACCESS_KEY'] };
}
