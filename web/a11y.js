// window.clustersim, continued: the canvas's text companion (docs/ACCESSIBILITY.md).
// Linked with --post-js after web/api.js and web/share.js. It fills the page's
// #companion section (shell.html) from the simulation: a polite live region that
// says what just happened (rate-limited), the lesson's narration and buttons as
// real DOM elements, and a description of the cluster on demand. It also keeps
// the keys of the page's own controls away from the canvas, and passes the
// reader's prefers-reduced-motion to the UI.
(function () {
  'use strict';

  var api = window.clustersim;

  function call(name, returns, types, args) {
    if (!api.ready) throw new Error('clustersim is not ready yet: wait until clustersim.ready is true');
    return Module.ccall(name, returns, types, args);
  }

  // What the live region is told about what happened after announcement `since`:
  // {latest, spoken, items: [{seq, time_ms, kind, text}]} (src/app/announcer.h).
  api.announcements = function (since) {
    return JSON.parse(call('cs_announcements', 'string', ['number'], [Number(since || 0)]));
  };
  // Whether the UI draws for a reader who prefers reduced motion (as of the last frame).
  api.reducedMotion = function () { return call('cs_reduced_motion', 'number', [], []) !== 0; };
  // The theme drawn as of the last frame: 'light' or 'dark'.
  api.theme = function () { return call('cs_theme_light', 'number', [], []) !== 0 ? 'light' : 'dark'; };

  // ---- the reader's preferences, kept in window flags the wasm reads every frame ----
  // (main_web.cpp, page_prefs_web.cpp), and followed live through the queries' change events.
  function followMedia(query, flag) {
    var list = window.matchMedia ? window.matchMedia(query) : null;
    window[flag] = !!(list && list.matches);
    if (list && list.addEventListener) list.addEventListener('change', function (e) { window[flag] = e.matches; });
  }
  followMedia('(prefers-reduced-motion: reduce)', 'clustersimReducedMotion');
  // With theme=auto (the default) the UI follows the colour scheme.
  followMedia('(prefers-color-scheme: light)', 'clustersimPrefersLight');

  // ---- keys: the canvas's, or the page's ----
  // Emscripten's GLFW listens to every key on the whole window and cancels Tab, so
  // the page's buttons would also pause the simulation on Space, and Tab could never
  // leave the canvas (a keyboard trap). This listener is added first (capture, on
  // window), so it decides before GLFW: a key pressed in the page's own controls is
  // the browser's alone. Tab on the canvas walks its areas (the control bar, the
  // cluster, the panel, the timeline: src/app/keyboard_areas.h) and, past the last
  // one, leaves the canvas as Tab does anywhere. Releases always reach GLFW, so no
  // key is left held down in the simulator.
  var canvas = Module.canvas;
  function forCanvas(target) {
    return target === canvas || target === window || target === document.body || target === document.documentElement || !target;
  }
  function routeKey(event) {
    if (event.key === 'Tab') {
      event.stopImmediatePropagation();  // GLFW would cancel it
      if (event.type === 'keydown' && event.target === canvas && api.ready && !event.ctrlKey && !event.altKey &&
          Module.ccall('cs_focus_area', 'number', ['number'], [event.shiftKey ? -1 : 1]) !== 0)
        event.preventDefault();  // the focus stays on the canvas, in its next area
      return;
    }
    if (!forCanvas(event.target)) event.stopImmediatePropagation();
  }
  window.addEventListener('keydown', routeKey, true);
  window.addEventListener('keypress', routeKey, true);

  // ---- the companion ----
  var $ = function (id) { return document.getElementById(id); };
  var embedded = /(?:^|[?&])embed=1(?:&|$)/.test(window.location.search);

  function setText(el, text) { if (el.textContent !== text) el.textContent = text; }
  // aria-disabled rather than disabled: a button that stops applying keeps the
  // keyboard focus (a disabled one would drop it on the page's body).
  function enable(button, on) {
    var value = on ? 'false' : 'true';
    if (button.getAttribute('aria-disabled') !== value) button.setAttribute('aria-disabled', value);
  }
  function enabled(button) { return button.getAttribute('aria-disabled') !== 'true'; }

  // The live region: at most one update every kSpeakEveryMs, never an empty one, the
  // last few kept so a reader can go back over them.
  var kSpeakEveryMs = 1500, kKeptLines = 8;
  var heardUpTo = 0;
  var lessonNews = [];
  function speak() {
    var news = api.announcements(heardUpTo);
    heardUpTo = news.latest;
    var text = lessonNews.concat(news.spoken ? [news.spoken] : []).join(' ');
    lessonNews = [];
    if (!text) return;
    var live = $('live');
    var line = document.createElement('p');
    line.textContent = text;
    live.appendChild(line);
    while (live.childNodes.length > kKeptLines) live.removeChild(live.firstChild);
  }

  // The lesson, as the Lesson tab shows it.
  var phaseWords = {
    running: 'Setting up the step.',
    watching: 'Watching: simulated time passes.',
    'your-turn': '',
    'step-done': 'Step done. Look around, try things, then go on.',
    finished: 'Lesson complete.'
  };
  var lastLesson = '';
  var lastStep = null;
  function showLesson() {
    var lesson = api.lesson();
    var json = JSON.stringify(lesson);
    if (json === lastLesson) return;
    lastLesson = json;
    var section = $('lesson');
    section.hidden = !lesson;
    if (!lesson) { lastStep = null; return; }
    setText($('lesson-title'), 'Lesson: ' + lesson.title);
    setText($('lesson-where'), lesson.section + ', step ' + lesson.step + ' of ' + lesson.steps + '.');
    setText($('lesson-narration'), lesson.narration);
    var status = lesson.phase === 'your-turn' ? 'Your turn: ' + lesson.awaited + '.' : phaseWords[lesson.phase] || '';
    if (lesson.phase === 'watching' && lesson.wait_left_ms > 0)
      status += ' ' + Math.ceil(lesson.wait_left_ms / 1000) + ' s of simulated time left.';
    setText($('lesson-status'), status);
    var list = $('lesson-expects');
    var expectsText = lesson.expects.map(function (e) {
      return (e.ok ? 'Holds: ' : 'Does not hold: ') + e.what + (e.ok ? '' : ' (seen: ' + e.got + ')');
    });
    list.hidden = $('lesson-expects-title').hidden = expectsText.length === 0;
    if (list.textContent !== expectsText.join('')) {
      list.textContent = '';
      expectsText.forEach(function (t) { var li = document.createElement('li'); li.textContent = t; list.appendChild(li); });
    }
    var offTrack = lesson.off_track || (lesson.own_commands.length
      ? 'You also did: ' + lesson.own_commands.join(', ') + '. What you see may now differ from the narration.' : '');
    $('lesson-off-track').hidden = !offTrack;
    setText($('lesson-off-track'), offTrack);
    enable($('lesson-do-it'), lesson.phase === 'your-turn' && !lesson.off_track);
    enable($('lesson-skip'), lesson.phase === 'watching');
    enable($('lesson-next'), lesson.step < lesson.steps);
    enable($('lesson-previous'), lesson.step > 1);
    enable($('lesson-back'), !!offTrack);
    $('lesson-close').hidden = embedded;  // an embedded lesson has no picker to go back to
    // The live region hears a new step and a step's end.
    var key = lesson.name + '/' + lesson.step + '/' + lesson.phase;
    if (lastStep !== key) {
      var previous = lastStep;
      lastStep = key;
      if (!previous || previous.split('/')[1] !== String(lesson.step))
        lessonNews.push('Lesson step ' + lesson.step + ' of ' + lesson.steps + '.');
      if (lesson.phase === 'step-done' || lesson.phase === 'finished') lessonNews.push(phaseWords[lesson.phase]);
    }
  }

  // "Describe the cluster": each server's role, the leader it believes in, alive or
  // not, its queue; with a Crash or Restart button each (the cluster view's clicks).
  function describeCluster() {
    var s = api.state();
    var alive = s.servers.filter(function (x) { return x.alive; }).length;
    var parts = ['At ' + (s.time_ms / 1000).toFixed(1) + ' s of simulated time' + (api.paused() ? ' (paused)' : '') + ': ' +
      (s.leader ? 'server ' + s.leader + ' leads, and every alive server agrees.' : 'no leader that every alive server agrees on.'),
      alive + ' of ' + s.servers.length + ' servers are alive.'];
    if (s.network.partition)
      parts.push('The network is split: ' + s.network.partition.map(function (side) { return side.join(', '); }).join(' | ') + '.');
    if (s.network.isolated.length) parts.push('Cut off: server ' + s.network.isolated.join(', ') + '.');
    parts.push('Orders: ' + s.orders.acknowledged + ' acknowledged, ' + s.orders.rejected + ' rejected, ' +
      s.orders.unknown + ' outcome unknown, ' + s.orders.pending + ' waiting.');
    if (s.violations.length) parts.push('The checker found ' + s.violations.length + ' violation' + (s.violations.length > 1 ? 's' : '') + '.');
    setText($('cluster-summary'), parts.join(' '));

    var list = $('cluster-servers');
    while (list.children.length > s.servers.length) list.removeChild(list.lastChild);
    s.servers.forEach(function (server, i) {
      var item = list.children[i];
      if (!item) {
        item = document.createElement('li');
        item.appendChild(document.createElement('span'));
        var button = document.createElement('button');
        button.type = 'button';
        button.addEventListener('click', function () {
          var now = api.state().servers[i];
          var result = api.command((now.alive ? 'crash ' : 'restart ') + now.id);
          setText($('command-result'), result.ok ? '' : result.error);
          describeCluster();
        });
        item.appendChild(document.createTextNode(' '));
        item.appendChild(button);
        list.appendChild(item);
      }
      var believes = server.leader === null ? 'knows no leader' :
        server.leader === server.id ? 'leads' : 'follows server ' + server.leader;
      setText(item.firstChild, 'Server ' + server.id + ': ' + (server.alive
        ? server.role + ', ' + believes + ', ' + server.queue + ' request' + (server.queue === 1 ? '' : 's') + ' queued.'
        : 'crashed.'));
      setText(item.lastChild, (server.alive ? 'Crash server ' : 'Restart server ') + server.id);
    });
    setText($('pause'), api.paused() ? 'Resume' : 'Pause');
  }

  function wire() {
    Array.prototype.forEach.call(document.querySelectorAll('#lesson button[data-action]'), function (button) {
      button.addEventListener('click', function () {
        if (!enabled(button)) return;
        api.lessonAction(button.getAttribute('data-action'));
        showLesson();
      });
    });
    $('describe').addEventListener('click', describeCluster);
    $('pause').addEventListener('click', function () {
      if (api.paused()) api.resume(); else api.pause();
      setText($('pause'), api.paused() ? 'Resume' : 'Pause');
    });
    $('command-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var line = $('command').value.trim();
      if (!line) return;
      var result = api.command(line);
      setText($('command-result'), result.ok ? 'Done: ' + line : result.error);
      if (result.ok) $('command').value = '';
    });
  }

  function start() {
    if (!$('companion')) return;  // a page without the companion (an old shell)
    wire();
    setText($('pause'), api.paused() ? 'Resume' : 'Pause');
    showLesson();
    setInterval(showLesson, 250);
    setInterval(speak, kSpeakEveryMs);
  }

  var markReady = window.clustersimSetReady;
  window.clustersimSetReady = function () {
    markReady();
    start();
  };
})();
