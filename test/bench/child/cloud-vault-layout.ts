/** Where the bench's Vault secrets live: five paths (a project's environments and services), the keys spread over them. */
export const BENCH_PATHS = ['envguard/shop/production', 'envguard/shop/staging', 'envguard/api/production', 'envguard/worker/production', 'envguard/billing/production'] as const;
