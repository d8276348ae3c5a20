// Sends track, identify, group (with a plan) and page through one real server-side SDK, unchanged,
// pointed at `url`; prints one JSON line: {"sdk": …, "errors": [...]}.
// Usage: node send.mjs <segment-node|rudder-node> <url> <writeKey> <tenant> <userId> [no-tenant]
// With no-tenant, one track that names no tenant at all: a message the collector cannot map.
import { Analytics } from '@segment/analytics-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';

const [sdk, url, writeKey, tenant, userId, mode] = process.argv.slice(2);
const errors = [];
const context = { groupId: tenant };

const calls = (client) => {
  if (mode === 'no-tenant') {
    client.track({ userId, event: 'Opened', properties: { screen: tenant } });
    return;
  }
  client.track({ userId, event: 'Feature Used', properties: { feature: 'sso' }, context });
  client.identify({ userId, traits: { email: 'jane@example.com' }, context });
  client.group({ userId, groupId: tenant, traits: { plan: 'starter', seats: 3 } });
  client.page({ userId, name: 'Pricing', properties: { tenant_id: tenant } });
};

if (sdk === 'segment-node') {
  const client = new Analytics({ writeKey, host: url, flushInterval: 200, maxRetries: 5 });
  client.on('error', (e) => errors.push(String(e?.message ?? e)));
  calls(client);
  await client.closeAndFlush({ timeout: 30000 });
} else if (sdk === 'rudder-node') {
  const client = new RudderAnalytics(writeKey, {
    dataPlaneUrl: url,
    flushAt: 20,
    flushInterval: 200,
    retryCount: 5,
    errorHandler: (e) => errors.push(String(e?.message ?? e)),
  });
  calls(client);
  await client.flush();
} else {
  throw new Error('unknown sdk ' + sdk);
}
console.log(JSON.stringify({ sdk, errors }));
