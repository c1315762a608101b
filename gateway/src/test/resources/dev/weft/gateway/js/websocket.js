// The centrifuge JS client over a real WebSocket to a running gateway: one client
// subscribes, a second publishes, the first must receive the publication.
// Usage: node websocket.js <node_modules dir> <ws url> <token 1> <token 2>
// WebSocket: Node's global one (Node 22+, or Node 20 with --experimental-websocket),
// else the npm package "ws" from the same node_modules.
'use strict';
const path = require('path');
const { Centrifuge } = require(path.join(process.argv[2], 'centrifuge'));
const [url, token1, token2] = process.argv.slice(3, 6);
const WebSocketImpl = typeof WebSocket !== 'undefined' ? WebSocket : require(path.join(process.argv[2], 'ws'));

function event(name, value) {
  process.stdout.write('EVENT ' + JSON.stringify({ name, value }) + '\n');
}

const subscriber = new Centrifuge(url, { websocket: WebSocketImpl, token: token1 });
const publisher = new Centrifuge(url, { websocket: WebSocketImpl, token: token2 });
subscriber.on('connected', ctx => event('connected', { transport: ctx.transport }));
subscriber.on('error', ctx => event('client error', { type: ctx.type, code: ctx.error && ctx.error.code }));
publisher.on('error', ctx => event('client error', { type: ctx.type, code: ctx.error && ctx.error.code }));

const sub = subscriber.newSubscription('room');
sub.on('publication', ctx => {
  event('publication', { data: ctx.data, user: ctx.info && ctx.info.user });
  subscriber.disconnect();
  publisher.disconnect();
  setTimeout(() => process.exit(0), 50);
});
sub.on('subscribed', () => {
  event('subscribed', { channel: sub.channel });
  publisher.connect();
});
publisher.on('connected', async () => {
  event('publisher connected', null);
  await publisher.publish('room', { text: 'over a real socket' })
      .catch(e => event('publish error', { code: e.code, message: e.message }));
});
sub.subscribe();
subscriber.connect();
setTimeout(() => { event('timeout', null); process.exit(2); }, 10000);
