// Drives centrifuge JS clients over real WebSockets (the npm package "ws") as told on stdin,
// one JSON command a line, and prints one JSON event a line on stdout.
// Usage: node driver.js <node_modules dir> <ws url>
//
// Commands ({"op": ..., "c": client name, "ch": channel}):
//   new {c, token?, getToken?, data?}          a Centrifuge object (not yet connected)
//   connect {c} | disconnect {c}
//   sub {c, ch, token?, getToken?, joinLeave?, recoverable?, positioned?, since?}
//                                              newSubscription(ch, options).subscribe()
//   unsub {c, ch}
//   publish {c, ch, data} | presence {c, ch} | presenceStats {c, ch}
//   history {c, ch, limit?, since?, reverse?}
//   token {req, token?, error?}                answers a getToken request (empty token: unauthorized)
//   exit
// Events: {"c": client, "ev": name, ...fields}; a getToken callback prints
// {"ev": "getToken", "req": n, "c", "ch"?} and waits for the matching "token" command.
'use strict';
const path = require('path');
const readline = require('readline');
const modules = process.argv[2];
const url = process.argv[3];
const { Centrifuge, UnauthorizedError } = require(path.join(modules, 'centrifuge'));
const WebSocket = require(path.join(modules, 'ws'));

function emit(fields) {
  process.stdout.write(JSON.stringify(fields) + '\n');
}

const clients = new Map();
const pendingTokens = new Map();
let nextReq = 1;

function askToken(c, ch) {
  const req = nextReq++;
  emit(ch === undefined ? { c, ev: 'getToken', req } : { c, ch, ev: 'getToken', req });
  return new Promise((resolve, reject) => pendingTokens.set(req, { resolve, reject }));
}

function position(sp) {
  return sp ? { offset: Number(sp.offset), epoch: sp.epoch } : null;
}

function pub(ctx) {
  return { data: ctx.data, offset: ctx.offset === undefined ? null : Number(ctx.offset),
    user: ctx.info ? ctx.info.user : null, tags: ctx.tags || null };
}

function errorFields(e) {
  return { code: e && e.code !== undefined ? e.code : null, message: e ? e.message : null };
}

function newClient(cmd) {
  const c = cmd.c;
  const options = { websocket: WebSocket, minReconnectDelay: 50, maxReconnectDelay: 300, timeout: 3000 };
  if (cmd.token !== undefined) options.token = cmd.token;
  if (cmd.data !== undefined) options.data = cmd.data;
  if (cmd.getToken) options.getToken = () => askToken(c);
  const client = new Centrifuge(url, options);
  client.on('connecting', ctx => emit({ c, ev: 'connecting', code: ctx.code, reason: ctx.reason }));
  client.on('connected', ctx => emit({ c, ev: 'connected', client: ctx.client, transport: ctx.transport }));
  client.on('disconnected', ctx => emit({ c, ev: 'disconnected', code: ctx.code, reason: ctx.reason }));
  client.on('error', ctx => emit({ c, ev: 'error', type: ctx.type, ...errorFields(ctx.error) }));
  // Server-side subscriptions are reported on the client object.
  client.on('subscribed', ctx => emit({ c, ch: ctx.channel, ev: 'server subscribed', recoverable: ctx.recoverable,
    wasRecovering: ctx.wasRecovering, recovered: ctx.recovered, position: position(ctx.streamPosition) }));
  client.on('unsubscribed', ctx => emit({ c, ch: ctx.channel, ev: 'server unsubscribed' }));
  client.on('publication', ctx => emit({ c, ch: ctx.channel, ev: 'server publication', ...pub(ctx) }));
  client.on('join', ctx => emit({ c, ch: ctx.channel, ev: 'server join', user: ctx.info.user }));
  client.on('leave', ctx => emit({ c, ch: ctx.channel, ev: 'server leave', user: ctx.info.user }));
  clients.set(c, client);
}

function subscribe(cmd) {
  const { c, ch } = cmd;
  const client = clients.get(c);
  const options = {};
  for (const k of ['token', 'joinLeave', 'recoverable', 'positioned', 'since']) {
    if (cmd[k] !== undefined) options[k] = cmd[k];
  }
  if (cmd.getToken) options.getToken = () => askToken(c, ch);
  const sub = client.newSubscription(ch, options);
  sub.on('subscribing', ctx => emit({ c, ch, ev: 'subscribing', code: ctx.code, reason: ctx.reason }));
  sub.on('subscribed', ctx => emit({ c, ch, ev: 'subscribed', recoverable: ctx.recoverable,
    positioned: ctx.positioned, wasRecovering: ctx.wasRecovering, recovered: ctx.recovered,
    position: position(ctx.streamPosition) }));
  sub.on('unsubscribed', ctx => emit({ c, ch, ev: 'unsubscribed', code: ctx.code, reason: ctx.reason }));
  sub.on('error', ctx => emit({ c, ch, ev: 'sub error', type: ctx.type, ...errorFields(ctx.error) }));
  sub.on('publication', ctx => emit({ c, ch, ev: 'publication', ...pub(ctx) }));
  sub.on('join', ctx => emit({ c, ch, ev: 'join', user: ctx.info.user, client: ctx.info.client }));
  sub.on('leave', ctx => emit({ c, ch, ev: 'leave', user: ctx.info.user, client: ctx.info.client }));
  sub.subscribe();
}

// Runs an SDK call and prints its result (or its error) as one event.
function call(cmd, ev, promise, shape) {
  promise.then(r => emit({ c: cmd.c, ch: cmd.ch, ev, ...shape(r) }),
    e => emit({ c: cmd.c, ch: cmd.ch, ev: ev + ' error', ...errorFields(e) }));
}

function sub(cmd) {
  const s = clients.get(cmd.c).getSubscription(cmd.ch);
  if (!s) throw new Error('no subscription ' + cmd.ch + ' on ' + cmd.c);
  return s;
}

function run(cmd) {
  switch (cmd.op) {
    case 'new': return newClient(cmd);
    case 'connect': return clients.get(cmd.c).connect();
    case 'disconnect': return clients.get(cmd.c).disconnect();
    case 'sub': return subscribe(cmd);
    case 'unsub': return sub(cmd).unsubscribe();
    case 'publish':
      return call(cmd, 'published', clients.get(cmd.c).publish(cmd.ch, cmd.data), () => ({}));
    case 'presence':
      return call(cmd, 'presence', sub(cmd).presence(), r => ({
        users: Object.values(r.clients).map(i => i.user).sort(), clients: Object.keys(r.clients).length }));
    case 'presenceStats':
      return call(cmd, 'presenceStats', sub(cmd).presenceStats(), r => ({ numClients: r.numClients, numUsers: r.numUsers }));
    case 'history': {
      const opts = {};
      for (const k of ['limit', 'since', 'reverse']) {
        if (cmd[k] !== undefined) opts[k] = cmd[k];
      }
      return call(cmd, 'history', sub(cmd).history(opts), r => ({
        offsets: r.publications.map(p => Number(p.offset)), data: r.publications.map(p => p.data),
        offset: Number(r.offset), epoch: r.epoch }));
    }
    case 'token': {
      const waiting = pendingTokens.get(cmd.req);
      pendingTokens.delete(cmd.req);
      if (cmd.error) return waiting.reject(new Error(cmd.error));
      if (cmd.token === '') return waiting.reject(new UnauthorizedError('refused'));
      return waiting.resolve(cmd.token);
    }
    case 'exit':
      for (const client of clients.values()) client.disconnect();
      return setTimeout(() => process.exit(0), 20);
    default:
      throw new Error('unknown op ' + cmd.op);
  }
}

readline.createInterface({ input: process.stdin }).on('line', line => {
  try {
    run(JSON.parse(line));
  } catch (e) {
    emit({ ev: 'driver error', message: String(e && e.message) });
  }
}).on('close', () => process.exit(0));
emit({ ev: 'ready' });
