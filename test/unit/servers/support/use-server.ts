/** One test server for a whole mocha file: started in before, reset after each test, closed in after. */
export function useTestServer<S extends { reset(): void; close(): Promise<void> }>(start: () => Promise<S>): { readonly server: S } {
  const holder = {} as { server: S };
  before(async () => { holder.server = await start(); });
  afterEach(() => holder.server.reset());
  after(async () => { await holder.server.close(); });
  return holder;
}
