import { strict as assert } from 'node:assert';
import { findEmbeddedCredentials } from '../../../src/core/detection';
import { Fake } from './fake';

describe('credentials in URLs and connection strings', () => {
  const f = new Fake(17);
  const pw = (): string => f.humanPassword();

  const secret: [string, string][] = [
    ['url-credentials', `postgres://app:${encodeURIComponent(pw())}@db.example.com:5432/app`],
    ['url-credentials', `redis://:${f.alnum(24)}@cache:6379/0`],
    ['url-credentials', `mongodb+srv://admin:${f.alnum(16)}@cluster0.abcde.mongodb.net/app?retryWrites=true`],
    ['url-credentials', `amqps://user:${f.alnum(16)}@broker.internal/vhost`],
    ['url-credentials', `mysql://root:p@ss${f.int(10, 99)}word@localhost/db`],
    ['url-query-secret', `https://api.example.com/v1?api_key=${f.alnum(32)}`],
    ['url-query-secret', `https://acct.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=${encodeURIComponent(f.base64(32))}`],
    ['connection-string-secret', `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${f.base64(64)};EndpointSuffix=core.windows.net`],
    ['connection-string-secret', `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${f.base64(32)}`],
    ['connection-string-secret', `Server=tcp:x.database.windows.net,1433;Database=app;User ID=app;Password=${pw()};`],
    ['connection-string-secret', `Data Source=x;Initial Catalog=app;User Id=sa;Pwd={${f.alnum(12)}};`],
    ['connection-string-secret', `host=db port=5432 user=app password=${f.alnum(16)} dbname=app`],
    ['connection-string-secret', `cache.redis.cache.windows.net:6380,password=${f.base64(32)},ssl=True`],
    ['authorization-header', `Bearer ${f.alnum(40)}`],
    ['authorization-header', `Basic ${Buffer.from(`user:${pw()}`).toString('base64')}`],
  ];
  for (const [rule, value] of secret) it(`finds ${rule} in a ${value.split(/[:;=]/)[0]} value`, () => assert.equal(findEmbeddedCredentials(value)?.rule, rule));

  const clean = [
    'postgres://localhost:5432/app',
    'postgres://app@db:5432/app',
    'https://user@example.com/path',
    `https://${f.hex(32)}@o123456.ingest.sentry.io/1234567`,
    'postgres://app:${DB_PASSWORD}@db:5432/app',
    'postgres://${DB_USER}:${DB_PASS}@${DB_HOST}/app',
    'mongodb+srv://<username>:<password>@cluster0.mongodb.net/app',
    'postgres://user:password@localhost/db',
    'redis://:changeme@localhost:6379',
    'https://example.com/callback?state=abc&code_challenge_method=S256',
    'Server=x;Database=app;Integrated Security=True;',
    'Server=x;Database=app;User Id=app;Password=;',
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://x.applicationinsights.azure.com/',
    'Bearer',
    'Bearer ${TOKEN}',
    'https://host:8080/@scope/package',
  ];
  for (const value of clean) it(`finds nothing in ${value}`, () => assert.equal(findEmbeddedCredentials(value), undefined));
});
