// The centrifuge JS client over pipe.js with token callbacks: its first connection token
// is expired, so the server answers 109 and the client must fetch a fresh one; then it
// subscribes to a private channel with a subscription token.
// Usage: node tokens.js <node_modules dir> <expired token> <fresh token> <subscription token>
'use strict';
const path = require('path');
const { Centrifuge } = require(path.join(process.argv[2], 'centrifuge'));
const { PipeWebSocket, event } = require('./pipe.js');
const [expiredToken, freshToken, subscriptionToken] = process.argv.slice(3, 6);

const client = new Centrifuge('ws://weft.test/connection/websocket', {
  websocket: PipeWebSocket,
  token: expiredToken,
  getToken: async () => {
    event('getToken', null);
    return freshToken;
  },
  minReconnectDelay: 20,
  maxReconnectDelay: 50,
});
client.on('connected', ctx => event('connected', { client: ctx.client }));
client.on('error', ctx => event('client error', { type: ctx.type, code: ctx.error && ctx.error.code }));

const sub = client.newSubscription('$secret:plans', {
  getToken: async ctx => {
    event('sub getToken', { channel: ctx.channel });
    return subscriptionToken;
  },
});
sub.on('subscribed', async () => {
  event('subscribed', { channel: sub.channel });
  await sub.publish({ plan: 'b' }).catch(e => event('publish error', { code: e.code, message: e.message }));
  client.disconnect();
  setTimeout(() => process.exit(0), 10);
});
sub.on('error', ctx => event('subscription error', { code: ctx.error && ctx.error.code }));

sub.subscribe();
client.connect();
setTimeout(() => { event('timeout', null); process.exit(2); }, 10000);
