import type { Services } from '../services';

/** EnvGuard: Show Log. */
export function showLog(services: Services) {
  return (): void => services.log.show(true);
}
