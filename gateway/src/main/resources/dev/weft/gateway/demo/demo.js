// The demo page: connects to the gateway with a token from demo/token, subscribes to the
// channel "demo", lists its publications as they arrive and publishes what is typed.
'use strict';
(function () {
  const channel = 'demo';
  const status = document.getElementById('status');
  const error = document.getElementById('error');
  const list = document.getElementById('publications');
  const form = document.getElementById('publish');
  const input = document.getElementById('text');

  function setStatus(state) {
    status.textContent = state;
    status.dataset.state = state;
  }

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
  }

  // Tokens are short-lived; the client asks again when one is about to expire.
  async function getToken() {
    const res = await fetch('demo/token', { cache: 'no-store' });
    if (!res.ok) {
      throw new Error('token request failed with HTTP ' + res.status);
    }
    return (await res.json()).token;
  }

  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const client = new Centrifuge(scheme + '//' + location.host + '/connection/websocket', { getToken: getToken });
  client.on('connecting', function () { setStatus('connecting'); });
  client.on('disconnected', function (ctx) { setStatus('disconnected'); showError(ctx.reason); });
  client.on('error', function (ctx) { showError(ctx.error.message); });

  const sub = client.newSubscription(channel);
  sub.on('subscribing', function () { setStatus('subscribing'); });
  sub.on('subscribed', function () { setStatus('subscribed'); });
  sub.on('unsubscribed', function (ctx) { setStatus('unsubscribed'); showError(ctx.reason); });
  sub.on('error', function (ctx) { showError(ctx.error.message); });
  sub.on('publication', function (ctx) {
    const item = document.createElement('li');
    const user = document.createElement('span');
    user.className = 'user';
    user.textContent = ctx.info && ctx.info.user ? ctx.info.user : 'server';
    item.appendChild(user);
    const data = ctx.data;
    // textContent only: a publication is untrusted and never parsed as HTML.
    item.appendChild(document.createTextNode(
      data && typeof data.text === 'string' ? data.text : JSON.stringify(data)));
    list.prepend(item);
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    const text = input.value.trim();
    if (text === '') {
      return;
    }
    sub.publish({ text: text }).then(
      function () { input.value = ''; },
      function (err) { showError('publish failed: ' + err.message); });
  });

  sub.subscribe();
  client.connect();
})();
