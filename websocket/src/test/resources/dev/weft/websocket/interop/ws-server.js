// An npm `ws` echo server with permessage-deflate: prints "PORT <n>" once listening.
const WebSocket = require('ws');
const wss = new WebSocket.Server({ host: '127.0.0.1', port: 0, perMessageDeflate: { threshold: 0 } });
wss.on('listening', () => console.log('PORT ' + wss.address().port));
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});
