import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import assert from 'node:assert/strict';
import { signingKey } from '../../servers/aws-secrets-manager/sigv4';
import { TEST_CREDENTIALS, TEST_SESSION_CREDENTIALS } from '../../servers/aws-secrets-manager/server';
import { fake } from '../support/fakes';
import { curlSigV4, postRaw, rejection, sdkClient, useAwsServer } from './support/aws';

describe('Secrets Manager test server: SigV4 verified as AWS does it', () => {
  const ctx = useAwsServer();
  const value = fake.password('sigv4');

  it('derives the signing key of AWS\'s documented example', () => {
    // "Examples of how to derive a signing key for Signature Version 4" (AWS General Reference).
    const exampleSecret = ['wJalrXUtnFEMI', 'K7MDENG+bPxRfiCYEXAMPLEKEY'].join('/');
    assert.equal(signingKey(exampleSecret, '20120215', 'us-east-1', 'iam').toString('hex'), 'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  });

  it('accepts requests the real SDK signs, with a long-term key and with temporary credentials', async () => {
    await sdkClient(ctx.server).send(new CreateSecretCommand({ Name: 'shop/DB', SecretString: value }));
    const read = await sdkClient(ctx.server, { credentials: TEST_SESSION_CREDENTIALS }).send(new GetSecretValueCommand({ SecretId: 'shop/DB' }));
    assert.equal(read.SecretString, value);
    assert.deepEqual(ctx.server.requests.map((r) => [r.operation, r.accessKeyId, r.status]), [
      ['CreateSecret', TEST_CREDENTIALS.accessKeyId, 200],
      ['GetSecretValue', TEST_SESSION_CREDENTIALS.accessKeyId, 200],
    ]);
  });

  it('accepts requests curl --aws-sigv4 signs (its own implementation), session token included', async () => {
    await sdkClient(ctx.server).send(new CreateSecretCommand({ Name: 'shop/DB', SecretString: value }));
    const long = await curlSigV4(ctx.server, 'GetSecretValue', { SecretId: 'shop/DB' });
    assert.equal(long.status, 200);
    assert.equal(long.body.SecretString, value);
    const session = await curlSigV4(ctx.server, 'GetSecretValue', { SecretId: 'shop/DB' }, TEST_SESSION_CREDENTIALS);
    assert.equal(session.status, 200);
    assert.equal(session.body.SecretString, value);
  });

  it('rejects a wrong secret key with InvalidSignatureException, the canonical request in the message and never the value', async () => {
    await sdkClient(ctx.server).send(new CreateSecretCommand({ Name: 'shop/DB', SecretString: 'old' }));
    const wrongKey = sdkClient(ctx.server, { credentials: { ...TEST_CREDENTIALS, secretAccessKey: `${TEST_CREDENTIALS.secretAccessKey}x` }, maxAttempts: 1 });
    const error = await rejection(wrongKey.send(new PutSecretValueCommand({ SecretId: 'shop/DB', SecretString: value })));
    assert.equal(error.name, 'InvalidSignatureException');
    assert.equal(error.status, 400);
    assert.match(error.message, /^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key and signing method\./);
    assert.match(error.message, /The Canonical String for this request should have been\n'POST\n\/\n\n/);
    assert.match(error.message, /x-amz-target:secretsmanager\.PutSecretValue\n/);
    assert.match(error.message, /The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/secretsmanager\/aws4_request\n[0-9a-f]{64}'/);
    assert.ok(!error.message.includes(value), 'the message carries the body\'s hash, not the body');
    assert.equal(ctx.server.peek('shop/DB'), 'old', 'nothing was written');
    const viaCurl = await curlSigV4(ctx.server, 'GetSecretValue', { SecretId: 'shop/DB' }, { secretAccessKey: 'not-the-key' });
    assert.equal(viaCurl.status, 400);
    assert.equal(viaCurl.body.__type, 'InvalidSignatureException');
  });

  it('rejects an unknown access key, a missing or wrong session token, and an expired session', async () => {
    const unknown = await rejection(sdkClient(ctx.server, { credentials: { ...TEST_CREDENTIALS, accessKeyId: fake.awsAccessKeyId('unknown') }, maxAttempts: 1 }).send(new GetSecretValueCommand({ SecretId: 'x' })));
    assert.deepEqual([unknown.name, unknown.status, unknown.message], ['UnrecognizedClientException', 400, 'The security token included in the request is invalid.']);
    const { sessionToken: _omitted, ...withoutToken } = TEST_SESSION_CREDENTIALS;
    const noToken = await rejection(sdkClient(ctx.server, { credentials: withoutToken, maxAttempts: 1 }).send(new GetSecretValueCommand({ SecretId: 'x' })));
    assert.equal(noToken.name, 'UnrecognizedClientException');
    const wrongToken = await curlSigV4(ctx.server, 'GetSecretValue', { SecretId: 'x' }, { ...TEST_SESSION_CREDENTIALS, sessionToken: 'another-token' });
    assert.equal(wrongToken.body.__type, 'UnrecognizedClientException');
    ctx.server.expireSession(TEST_SESSION_CREDENTIALS.accessKeyId);
    const expired = await rejection(sdkClient(ctx.server, { credentials: TEST_SESSION_CREDENTIALS, maxAttempts: 1 }).send(new GetSecretValueCommand({ SecretId: 'x' })));
    assert.deepEqual([expired.name, expired.message], ['ExpiredTokenException', 'The security token included in the request is expired']);
  });

  it('rejects a scope naming another region or another service', async () => {
    const region = await rejection(sdkClient(ctx.server, { region: 'eu-west-1', maxAttempts: 1 }).send(new GetSecretValueCommand({ SecretId: 'x' })));
    assert.deepEqual([region.name, region.status, region.message], ['InvalidSignatureException', 400, "Credential should be scoped to a valid region, not 'eu-west-1'. "]);
    const viaCurl = await curlSigV4(ctx.server, 'GetSecretValue', { SecretId: 'x' }, { region: 'eu-west-1' });
    assert.deepEqual(viaCurl.body, { __type: 'InvalidSignatureException', message: "Credential should be scoped to a valid region, not 'eu-west-1'. " });
    const service = await curlSigV4(ctx.server, 'GetSecretValue', { SecretId: 'x' }, { service: 'kms' });
    assert.deepEqual([service.status, service.body], [400, { __type: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'secretsmanager'. " }]);
  });

  it('rejects a date outside the five minutes of skew, either way; the SDK corrects its clock from the Date header', async () => {
    await sdkClient(ctx.server).send(new CreateSecretCommand({ Name: 'shop/DB', SecretString: value }));
    const past = await rejection(sdkClient(ctx.server, { systemClockOffset: -10 * 60_000, maxAttempts: 1 }).send(new GetSecretValueCommand({ SecretId: 'shop/DB' })));
    assert.equal(past.name, 'InvalidSignatureException');
    assert.match(past.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
    const future = await rejection(sdkClient(ctx.server, { systemClockOffset: 10 * 60_000, maxAttempts: 1 }).send(new GetSecretValueCommand({ SecretId: 'shop/DB' })));
    assert.match(future.message, /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/);
    ctx.server.requests.length = 0;
    const skewed = sdkClient(ctx.server, { systemClockOffset: -60 * 60_000 });
    assert.equal((await skewed.send(new GetSecretValueCommand({ SecretId: 'shop/DB' }))).SecretString, value);
    assert.deepEqual(ctx.server.requests.map((r) => r.error ?? r.status), ['InvalidSignatureException', 200], 'rejected once, then signed with the corrected clock');
  });

  it('rejects a body changed after signing', async () => {
    await sdkClient(ctx.server).send(new CreateSecretCommand({ Name: 'shop/DB', SecretString: 'old' }));
    const client = sdkClient(ctx.server, { maxAttempts: 1 });
    // Runs after the signing middleware: the request is signed, then its body changes (same length).
    const tamper = (next: (args: { request: { body: unknown } }) => unknown) => (args: { request: { body: unknown } }) => {
      const body = args.request.body;
      const text = typeof body === 'string' ? body : new TextDecoder().decode(new Uint8Array(body as Uint8Array));
      args.request.body = text.replace('"new"', '"NEW"');
      return next(args);
    };
    client.middlewareStack.addRelativeTo(tamper as never, { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'tamperAfterSigning' });
    const error = await rejection(client.send(new PutSecretValueCommand({ SecretId: 'shop/DB', SecretString: 'new' })));
    assert.equal(error.name, 'InvalidSignatureException');
    assert.equal(ctx.server.peek('shop/DB'), 'old');
  });

  it('answers a request without authorization, or with an incomplete one, as AWS does', async () => {
    const body = JSON.stringify({ SecretId: 'x' });
    const missing = await postRaw(ctx.server, { 'X-Amz-Target': 'secretsmanager.GetSecretValue' }, body);
    assert.deepEqual([missing.status, missing.body], [400, { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' }]);
    assert.match(String(missing.headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
    const incomplete = await postRaw(ctx.server, { 'X-Amz-Target': 'secretsmanager.GetSecretValue', Authorization: `AWS4-HMAC-SHA256 Credential=${TEST_CREDENTIALS.accessKeyId}/20260101/us-east-1/secretsmanager/aws4_request` }, body);
    assert.equal(incomplete.body.__type, 'IncompleteSignatureException');
    assert.match(String(incomplete.body.message), /Authorization header requires 'Signature' parameter\. Authorization header requires 'SignedHeaders' parameter\./);
  });
});
