// The centrifuge JS client over pipe.js: subscribe, publish, history, presence stats, an
// unknown RPC, then (after the test shuts the socket and publishes) recovery on reconnect.
// Usage: node recovery.js <node_modules dir> <connection token>
'use strict';
const path = require('path');
const { Centrifuge } = require(path.join(process.argv[2], 'centrifuge'));
const { PipeWebSocket, event } = require('./pipe.js');
const token = process.argv[3];

const client = new Centrifuge('ws://weft.test/connection/websocket', {
  websocket: PipeWebSocket,
  token,
  minReconnectDelay: 20,
  maxReconnectDelay: 50,
});
client.on('connected', ctx => event('connected', { client: ctx.client, transport: ctx.transport }));
client.on('disconnected', ctx => event('disconnected', ctx));

const sub = client.newSubscription('chat:room', { joinLeave: true });
let publications = 0;
sub.on('publication', ctx => {
  publications++;
  event('publication', { data: ctx.data, offset: ctx.offset, user: ctx.info && ctx.info.user });
});
sub.on('join', ctx => event('join', { user: ctx.info.user }));
sub.on('error', ctx => event('subscription error', ctx.error));

let subscribedTimes = 0;
sub.on('subscribed', async ctx => {
  subscribedTimes++;
  event('subscribed', {
    recoverable: ctx.recoverable, positioned: ctx.positioned, wasRecovering: ctx.wasRecovering,
    recovered: ctx.recovered, offset: ctx.streamPosition && ctx.streamPosition.offset,
  });
  if (subscribedTimes === 1) {
    await sub.publish({ text: 'first' });
    const history = await sub.history({ limit: 10 });
    event('history', { offsets: history.publications.map(p => p.offset), offset: history.offset });
    const stats = await sub.presenceStats();
    event('presence stats', stats);
    try {
      await client.rpc('nope', { a: 1 });
    } catch (e) {
      event('rpc error', { code: e.code, message: e.message });
    }
    event('ready for reconnect', null);
  } else {
    // Recovered publications are replayed right after 'subscribed'; give them a tick to be counted.
    setTimeout(() => {
      event('done', { publications });
      client.disconnect();
      setTimeout(() => process.exit(0), 10);
    }, 20);
  }
});

sub.subscribe();
client.connect();
setTimeout(() => { event('timeout', null); process.exit(2); }, 10000);
