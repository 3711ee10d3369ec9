import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import * as vscode from 'vscode';

/**
 * The signed-in Microsoft account of VS Code (its built-in authentication provider) as an Azure
 * TokenCredential: nothing to type twice. The tenant is the one Key Vault's challenge names, else
 * the `envguard.azure.tenant` setting. A declined sign-in surfaces as "not signed in".
 */
export function vscodeMicrosoftCredential(defaultTenant: string | undefined): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const tenant = options?.tenantId ?? defaultTenant;
      const request = [...[scopes].flat(), ...(tenant ? [`VSCODE_TENANT:${tenant}`] : [])];
      let session: vscode.AuthenticationSession;
      try {
        session = await vscode.authentication.getSession('microsoft', request, { createIfNone: true });
      } catch {
        const error = new Error('the Microsoft sign-in was not completed');
        error.name = 'CredentialUnavailableError';
        throw error;
      }
      // VS Code refreshes the session itself; asking again soon picks up a refreshed token.
      return { token: session.accessToken, expiresOnTimestamp: Date.now() + 10 * 60_000 };
    },
  };
}
