// Drives the real centrifuge JS client against a gateway over stdin/stdout instead of a
// socket. Lines out: "OPEN id", "OUT id base64", "CLOSE id", "EVENT json".
// Lines in: "IN id base64" (a message from the server), "SHUT id code reason" (server close).
// Usage: node scenario.js <node_modules dir> <connection token>
'use strict';
const path = require('path');
const readline = require('readline');
const { Centrifuge } = require(path.join(process.argv[2], 'centrifuge'));
const token = process.argv[3];

const sockets = new Map();
let nextSocket = 1;

function out(line) {
  process.stdout.write(line + '\n');
}

function event(name, value) {
  out('EVENT ' + JSON.stringify({ name, value }));
}

class PipeWebSocket {
  constructor(url) {
    this.url = url;
    this.id = nextSocket++;
    this.readyState = 0;
    sockets.set(this.id, this);
    out('OPEN ' + this.id);
    setTimeout(() => {
      this.readyState = 1;
      this.onopen && this.onopen();
    }, 0);
  }
  send(data) {
    out('OUT ' + this.id + ' ' + Buffer.from(data, 'utf8').toString('base64'));
  }
  close() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    out('CLOSE ' + this.id);
    setTimeout(() => this.onclose && this.onclose({ code: 1000, reason: '' }), 0);
  }
}

readline.createInterface({ input: process.stdin }).on('line', line => {
  const [kind, id, ...rest] = line.split(' ');
  const socket = sockets.get(Number(id));
  if (!socket || socket.readyState === 3) return;
  if (kind === 'IN') {
    socket.onmessage({ data: Buffer.from(rest[0], 'base64').toString('utf8') });
  } else if (kind === 'SHUT') {
    socket.readyState = 3;
    socket.onclose({ code: Number(rest[0]), reason: rest.slice(1).join(' ') });
  }
});

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
