// window.clustersim: the page's JavaScript API (docs/ARCHITECTURE.md, "Web page
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
  // The state JSON of docs/ARCHITECTURE.md, parsed.
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
  // What the Log tab showed when it was last drawn: {search, shown, total, lines}, with
  // the newest `atMost` (default 100) of the lines its filters keep.
  api.logView = function (atMost) {
    return JSON.parse(call('cs_log_view', 'string', ['number'], [atMost === undefined ? 100 : Number(atMost)]));
  };
  // How many frames the page has drawn: input given now is seen within the next
  // frame or two, so a caller can wait for frames rather than for time.
  api.frames = function () { return call('cs_frames', 'number', [], []); };
  // Sets simulated seconds per real second (clamped to 0.001..1000); returns the speed
  // in effect. speed() with no argument only reads it.
  api.speed = function (x) {
    if (x === undefined) return call('cs_current_speed', 'number', [], []);
    var speed = call('cs_speed', 'number', ['number'], [Number(x)]);
    if (speed < 0) throw new RangeError('speed must be a positive number, got ' + x);
    return speed;
  };
  // Time travel. step(): exactly one more event, then paused; stepBack(): undo the
  // last event; seek(ms): go to that simulated time (back in time replays the same
  // run, user commands included); reset(seed): start again from the scenario, with
  // this seed (none: the same seed).
  api.step = function () { call('cs_step', null, [], []); };
  api.stepBack = function () { call('cs_step_back', null, [], []); };
  api.seek = function (ms) {
    if (!isFinite(Number(ms))) throw new RangeError('seek needs a time in ms, got ' + ms);
    call('cs_seek', null, ['number'], [Number(ms)]);
  };
  api.reset = function (seed) {
    var n = seed === undefined ? -1 : Number(seed);
    if (seed !== undefined && !(Number.isInteger(n) && n >= 0)) throw new RangeError('seed must be a whole number >= 0, got ' + seed);
    call('cs_reset', null, ['number'], [n]);
  };
  // "Skip quiet time" on (true) or off (false), or just read it (no argument).
  api.skipQuietTime = function (on) {
    return call('cs_skip_quiet', 'number', ['number'], [on === undefined ? -1 : (on ? 1 : 0)]) !== 0;
  };
  // {now_ms, earliest_ms, latest_ms, start_ms, end_ms, fast_forwarding, skip_quiet,
  //  milestones: [{time_ms, kind, server, text}]}: the timeline strip's contents.
  api.timeline = function () {
    return JSON.parse(call('cs_timeline', 'string', [], []));
  };

  // Where the named items of the last drawn frame are ("server/3", "timeline", ...):
  // [{name, x, y, w, h}] in CSS pixels of the page, ready for a mouse click. ImGui
  // works in the canvas's drawing-buffer pixels (device pixels), so divide by
  // the buffer-to-CSS ratio and add the canvas's own position.
  api.rects = function () {
    var raw = JSON.parse(call('cs_rects', 'string', [], []));
    var box = Module.canvas.getBoundingClientRect();
    var sx = raw.display_w > 0 ? box.width / raw.display_w : 1;
    var sy = raw.display_h > 0 ? box.height / raw.display_h : 1;
    return raw.rects.map(function (r) {
      return { name: r.name, x: box.left + r.x * sx, y: box.top + r.y * sy, w: r.w * sx, h: r.h * sy };
    });
  };

  // ?bench=1 (main_web.cpp): the frame benchmark's results, once it is done.
  api.bench = null;
  window.clustersimSetBench = function (json) { api.bench = JSON.parse(json); };
  // Every page: performance.now() at each step of its startup (main_web.cpp), set when
  // the first frame is drawn; scripts/bench_startup.mjs reads it.
  api.startup = null;
  window.clustersimSetStartup = function (json) { api.startup = JSON.parse(json); };

  // Touch: Emscripten's GLFW turns touchstart/touchend into mouse button events
  // but never moves the pointer for them (and ignores touchmove), so a tap
  // clicks wherever the mouse last was and a drag does nothing. The first
  // finger on the canvas is therefore turned into mouse events here, before
  // GLFW sees the touch (window, capture phase), and the browser's own
  // emulated mouse events are suppressed (preventDefault).
  function touchAsMouse(canvas) {
    var finger = null;  // identifier of the finger acting as the mouse
    function find(list) {
      for (var i = 0; i < list.length; i++) if (list[i].identifier === finger) return list[i];
      return null;
    }
    function send(type, touch, buttons) {
      canvas.dispatchEvent(new MouseEvent(type, {
        bubbles: true, cancelable: true, view: window, button: 0, buttons: buttons,
        clientX: touch.clientX, clientY: touch.clientY, screenX: touch.screenX, screenY: touch.screenY
      }));
    }
    function away() {  // no hover left behind where the finger was lifted
      canvas.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, view: window, clientX: -10000, clientY: -10000 }));
    }
    var release = null;  // the delayed mouseup of the last tap, until it has been sent
    function releaseNow() {
      if (!release) return;
      var touch = release;
      release = null;
      send('mouseup', touch, 0);
    }
    function onTouch(event) {
      if (event.target !== canvas) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      var touch;
      if (event.type === 'touchstart') {
        if (finger !== null) return;  // a second finger: the UI has no multi-touch gestures
        releaseNow();                 // a quick second tap: finish the first one first
        touch = event.changedTouches[0];
        finger = touch.identifier;
        send('mousemove', touch, 0);
        send('mousedown', touch, 1);
      } else if (event.type === 'touchmove') {
        touch = find(event.changedTouches);
        if (touch) send('mousemove', touch, 1);
      } else {  // touchend, touchcancel
        touch = find(event.changedTouches);
        if (!touch) return;
        finger = null;
        send('mousemove', touch, 1);
        // ImGui samples the button once a frame: release on a later frame so that a
        // quick tap is a press and then a release, as with a mouse.
        release = touch;
        requestAnimationFrame(function () {
          requestAnimationFrame(function () {
            if (release !== touch) return;
            releaseNow();
            requestAnimationFrame(function () {
              requestAnimationFrame(function () { if (finger === null && !release) away(); });
            });
          });
        });
      }
    }
    ['touchstart', 'touchmove', 'touchend', 'touchcancel'].forEach(function (type) {
      window.addEventListener(type, onTouch, { capture: true, passive: false });
    });
  }
  if (Module.canvas) touchAsMouse(Module.canvas);

  // Dear ImGui's OpenGL backend reads the GL state back every frame to restore it
  // afterwards. In Chrome most of those reads are answered in the page, but the
  // scissor box and the blend state are a synchronous round trip to the GPU
  // process, and the first one also waits for every queued command: measured
  // 1.3 ms of a 2.5 ms frame (tests/browser/frame_bench.mjs). The page only ever
  // sets them through these calls, so it remembers what was set and answers
  // from that; anything never set yet still goes to the real getParameter.
  (function answerStateReadsLocally() {
    var proto = window.WebGL2RenderingContext && window.WebGL2RenderingContext.prototype;
    if (!proto) return;
    var SCISSOR_BOX = 0x0C10, SRC_RGB = 0x80C9, DST_RGB = 0x80C8, SRC_ALPHA = 0x80CB, DST_ALPHA = 0x80CA,
      EQUATION_RGB = 0x8009, EQUATION_ALPHA = 0x883D;
    var KEY = '__clustersimGlState';
    var getParameter = proto.getParameter;
    proto.getParameter = function (pname) {
      var known = this[KEY];
      var value = known ? known[pname] : undefined;
      if (value === undefined) return getParameter.call(this, pname);
      return value instanceof Int32Array ? new Int32Array(value) : value;
    };
    function remember(name, note) {
      var original = proto[name];
      proto[name] = function () {
        original.apply(this, arguments);
        note(this[KEY] || (this[KEY] = {}), arguments);
      };
    }
    remember('scissor', function (k, a) { k[SCISSOR_BOX] = new Int32Array([a[0], a[1], a[2], a[3]]); });
    remember('blendFunc', function (k, a) { k[SRC_RGB] = k[SRC_ALPHA] = a[0]; k[DST_RGB] = k[DST_ALPHA] = a[1]; });
    remember('blendFuncSeparate', function (k, a) {
      k[SRC_RGB] = a[0]; k[DST_RGB] = a[1]; k[SRC_ALPHA] = a[2]; k[DST_ALPHA] = a[3];
    });
    remember('blendEquation', function (k, a) { k[EQUATION_RGB] = k[EQUATION_ALPHA] = a[0]; });
    remember('blendEquationSeparate', function (k, a) { k[EQUATION_RGB] = a[0]; k[EQUATION_ALPHA] = a[1]; });
  })();

  window.clustersim = api;
  window.clustersimSetReady = function () {
    api.ready = true;
    var status = document.getElementById('status');
    if (status) status.classList.add('hidden');
  };
})();
