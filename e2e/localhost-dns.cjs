// Preloaded (NODE_OPTIONS=--require) into Node tools that the e2e tests run against wrangler dev, such
// as the OpenAPI contract proxy: `*.localhost` names are loopback (RFC 6761), but this machine's
// resolver does not say so (STACK-NOTES), and the Worker needs the workspace's host name.
const dns = require('node:dns');

const original = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  if (typeof hostname === 'string' && (hostname === 'localhost' || hostname.endsWith('.localhost'))) {
    const cb = typeof options === 'function' ? options : callback;
    const all = typeof options === 'object' && options !== null && options.all;
    process.nextTick(() =>
      all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)
    );
    return {};
  }
  return original.call(this, hostname, options, callback);
};
