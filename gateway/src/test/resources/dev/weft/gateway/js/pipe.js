// A WebSocket stand-in for the centrifuge JS client that talks over stdin/stdout, so a
// test can put the gateway on the other end without a socket.
// Lines out: "OPEN id", "OUT id base64", "CLOSE id", "EVENT json".
// Lines in: "IN id base64" (a message from the server), "SHUT id code reason" (server close).
'use strict';
const readline = require('readline');

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

module.exports = { PipeWebSocket, event };
