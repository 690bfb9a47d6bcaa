// window.clustersim: the page's JavaScript API (ARCHITECTURE.md, "Web page
// contract"; README.md, "JS API"). Linked with --post-js, so it runs inside the
// Emscripten module and reaches the C++ side through Module.ccall. The object
// exists from the start so callers can poll `clustersim.ready`; every method
// refuses to run before the first frame is drawn.
(function () {
  'use strict';

  var api = { ready: false };

  function call(name, returns, types, args) {
    if (!api.ready) throw new Error('clustersim is not ready yet: wait until clustersim.ready is true');
    return Module.ccall(name, returns, types, args);
  }

  // Runs one scenario command now: {ok: true} or {ok: false, error: "..."}.
  api.command = function (line) {
    return JSON.parse(call('cs_command', 'string', ['string'], [String(line)]));
  };
  // The state JSON of ARCHITECTURE.md, parsed.
  api.state = function () {
    return JSON.parse(call('cs_state', 'string', [], []));
  };
  // Replaces the scenario with a fresh simulation: {ok: true} or {ok: false, error: "line N: ..."}.
  api.load = function (text) {
    return JSON.parse(call('cs_load', 'string', ['string'], [String(text)]));
  };
  api.pause = function () { call('cs_pause', null, [], []); };
  api.resume = function () { call('cs_resume', null, [], []); };
  api.paused = function () { return call('cs_paused', 'number', [], []) !== 0; };
  // Sets simulated seconds per real second (clamped to 0.01..10); returns the speed in effect.
  api.speed = function (x) {
    var speed = call('cs_speed', 'number', ['number'], [Number(x)]);
    if (speed < 0) throw new RangeError('speed must be a positive number, got ' + x);
    return speed;
  };

  window.clustersim = api;
  window.clustersimSetReady = function () {
    api.ready = true;
    var status = document.getElementById('status');
    if (status) status.classList.add('hidden');
  };
})();
