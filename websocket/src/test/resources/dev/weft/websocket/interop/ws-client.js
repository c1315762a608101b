// The npm `ws` client against a Weft server: echo of text, binary, large, fragmented and
// compressed messages, ping/pong, and a close code. Prints "OK" and exits 0, or exits 1.
const WebSocket = require('ws');
const url = process.argv[2];
const ws = new WebSocket(url, { perMessageDeflate: true });
const fail = (msg) => { console.error('FAIL ' + msg); process.exit(1); };
setTimeout(() => fail('timeout'), 20000);

const steps = [];
const expect = (check) => new Promise((resolve) => steps.push({ check, resolve }));
ws.on('message', (data, isBinary) => {
  const s = steps.shift();
  if (!s) return fail('unexpected message');
  s.check(data, isBinary);
  s.resolve();
});

ws.on('open', async () => {
  if (!ws.extensions.includes('permessage-deflate')) fail('permessage-deflate not agreed: ' + ws.extensions);
  let p = expect((d, b) => { if (b || d.toString() !== 'héllo') fail('text echo: ' + d); });
  ws.send('héllo'); await p;

  const bin = Buffer.from([0, 1, 2, 255]);
  p = expect((d, b) => { if (!b || !Buffer.from(d).equals(bin)) fail('binary echo'); });
  ws.send(bin); await p;

  const big = 'x'.repeat(1 << 20);
  p = expect((d) => { if (d.toString() !== big) fail('large echo, got ' + d.length); });
  ws.send(big); await p;

  p = expect((d) => { if (d.toString() !== 'fragmented') fail('fragmented echo: ' + d); });
  ws.send('frag', { fin: false }); ws.send('men', { fin: false }); ws.send('ted', { fin: true }); await p;

  await new Promise((resolve) => { ws.once('pong', (d) => { if (d.toString() !== 'pp') fail('pong'); resolve(); }); ws.ping('pp'); });

  ws.on('close', (code) => {
    if (code !== 4002) fail('close code ' + code);
    console.log('OK');
    process.exit(0);
  });
  ws.close(4002, 'bye');
});
ws.on('error', (e) => fail('error ' + e.message));
