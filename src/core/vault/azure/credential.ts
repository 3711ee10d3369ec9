import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';

/** Microsoft Entra authority hosts of the public and sovereign clouds (instance discovery works there). */
const KNOWN_AUTHORITIES = ['login.microsoftonline.com', 'login.chinacloudapi.cn', 'login.microsoftonline.us', 'login.microsoftonline.de'];

/**
 * The standard chain, as every Azure tool reads it: environment variables (AZURE_CLIENT_ID,
 * AZURE_TENANT_ID, AZURE_CLIENT_SECRET or certificate), workload identity (federated credentials in
 * CI), managed identity (in Azure), Azure CLI (`az login`), Azure PowerShell, Azure Developer CLI.
 * An AZURE_AUTHORITY_HOST outside the known clouds (Azure Stack, a private authority) skips instance
 * discovery, which only the known clouds answer.
 */
export function standardCredential(env: NodeJS.ProcessEnv = process.env, tenantId?: string): TokenCredential {
  const authority = env.AZURE_AUTHORITY_HOST;
  let custom = false;
  if (authority) {
    try {
      custom = !KNOWN_AUTHORITIES.includes(new URL(authority).hostname.toLowerCase());
    } catch {
      custom = false;
    }
  }
  return new DefaultAzureCredential({ ...(custom ? { disableInstanceDiscovery: true } : {}), ...(tenantId ? { tenantId } : {}) });
}
