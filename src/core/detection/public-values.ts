/**
 * Identifiers that look like credentials but are public by design: publishable keys shipped to
 * browsers, OAuth client ids, account SIDs, digests. A secret-sounding key does not make them secret.
 */
import { decodeBase64 } from './decode';

const PUBLIC_IDENTIFIERS: readonly RegExp[] = [
  // Stripe / Clerk / Paystack / Lemon Squeezy publishable keys.
  /^pk_(?:live|test|prod)_[A-Za-z0-9$]{8,250}$/,
  // Mapbox public token.
  /^pk\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/,
  // Google OAuth client id.
  /^\d{6,20}-[a-z0-9]{20,40}\.apps\.googleusercontent\.com$/,
  // Twilio Account SID / Messaging Service SID / Verify SID.
  /^(?:AC|MG|VA|PN|AP|CA|MM|SM|RE|SD)[0-9a-f]{32}$/,
  // Content digests and Subresource Integrity hashes.
  /^sha(?:1|224|256|384|512):[0-9a-f]{40,128}$/i,
  /^sha(?:256|384|512)-[A-Za-z0-9+/]{40,90}={0,2}$/,
  /^[\w./-]{1,200}@sha256:[0-9a-f]{64}$/,
  // package.json `packageManager`: `pnpm@10.4.1+sha512.<hex>` pins a download's digest.
  /^[\w.@/-]{1,100}@\d[\w.-]{0,40}\+sha(?:1|224|256|384|512)\.[0-9a-f]{40,128}$/,
  // Supabase publishable key, PostHog project key, LaunchDarkly mobile / client-side ids.
  /^sb_publishable_[A-Za-z0-9_-]{10,}$/,
  /^phc_[A-Za-z0-9]{30,60}$/,
  /^mob-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  // age recipients (public keys; the identity is `AGE-SECRET-KEY-1…`).
  /^age1[02-9ac-hj-np-z]{58}$/,
  // Mailgun's public validation key, Flutterwave's public key (the secrets are separate).
  /^pubkey-[a-f0-9]{32}$/,
  /^FLWPUBK(?:_TEST)?-[a-hA-H0-9]{32}-X$/,
  // Stripe object ids (prices, products, customers…): names in an API, not credentials.
  /^(?:price|prod|cus|acct|sub|pi|pm|ch|in|evt|plan|seti|txn|src|card|ba|po|tr|py|ii|si|sku|promo|prmo|cs|bpc|cpn)_[A-Za-z0-9]{8,64}$/,
  // Razorpay key id (the secret is separate), Algolia / Firebase app ids.
  /^rzp_(?:live|test)_[A-Za-z0-9]{14}$/,
  /^1:\d{6,20}:(?:web|android|ios):[0-9a-f]{10,40}$/,
];

export function isPublicIdentifier(value: string): boolean {
  const text = value.trim();
  if (isAnonJwt(text)) return true;
  if (text.length > 400) return false;
  return PUBLIC_IDENTIFIERS.some((pattern) => pattern.test(text));
}

const JWT = /^eyJ[A-Za-z0-9_-]{10,4000}\.(eyJ[A-Za-z0-9_-]{2,8000})\.[A-Za-z0-9_-]{0,2000}$/;

/** Supabase's `anon` key: a JWT for the public role, shipped to every browser. */
export function isAnonJwt(text: string): boolean {
  const payload = JWT.exec(text)?.[1];
  if (!payload) return false;
  return /"role"\s*:\s*"anon"/.test(decodeBase64(payload) ?? '');
}
