// Preloaded (NODE_OPTIONS=--require) into child processes that must reach the test Key Vault
// server with the product's code unchanged: *.vault.azure.net and the test authority host resolve
// to 127.0.0.1. The test CA comes from NODE_EXTRA_CA_CERTS. Nothing else is touched.
const dns = require('node:dns');
const AUTHORITY = 'login.envguard-test.invalid';
const original = dns.lookup;
function isTestHost(hostname) {
  const h = String(hostname).toLowerCase();
  return h.endsWith('.vault.azure.net') || h === AUTHORITY;
}
dns.lookup = function lookup(hostname, options, callback) {
  if (typeof options === 'function') { callback = options; options = {}; }
  if (typeof options === 'number') options = { family: options };
  if (!isTestHost(hostname)) return original.call(dns, hostname, options, callback);
  process.nextTick(() => (options && options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)));
  return {};
};
