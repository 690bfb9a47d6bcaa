// window.clustersim, continued (README.md, "Teachers"): lessons, links, exports,
// and scenario files dropped onto the page or pasted into it. Linked with
// --post-js after web/api.js, which creates window.clustersim.
(function () {
  'use strict';

  var api = window.clustersim;

  function call(name, returns, types, args) {
    if (!api.ready) throw new Error('clustersim is not ready yet: wait until clustersim.ready is true');
    return Module.ccall(name, returns, types, args);
  }

  // The URL that reproduces what the page shows now: seed, scenario so far, speed, moment.
  api.link = function () { return call('cs_link', 'string', [], []); };
  // Copies that URL to the clipboard (when the browser allows it); resolves to the URL either way.
  api.copyLink = function () {
    var url = api.link();
    if (!navigator.clipboard || !navigator.clipboard.writeText) return Promise.resolve(url);
    return navigator.clipboard.writeText(url).then(function () { return url; }, function () { return url; });
  };

  // The lesson being played: null, or {name, title, section, step (1-based), steps, phase,
  // narration, awaited, expects: [{what, ok, got}], own_commands, off_track, wait_left_ms}.
  api.lesson = function () { return JSON.parse(call('cs_lesson', 'string', [], [])); };
  // Every shipped lesson: [{name, title, section}], in course order.
  api.lessons = function () { return JSON.parse(call('cs_lessons', 'string', [], [])); };
  // Opens a lesson by name at a step (1-based, default 1): {ok} or {ok: false, error}.
  api.openLesson = function (name, step) {
    return JSON.parse(call('cs_open_lesson', 'string', ['string', 'number'], [String(name), Number(step || 1)]));
  };
  // What the Lesson tab's buttons do: 'next', 'previous', 'restart', 'do-it', 'skip', 'back', 'close'.
  api.lessonAction = function (action) {
    return JSON.parse(call('cs_lesson_action', 'string', ['string'], [String(action)]));
  };

  // The messages in the page's notice strip: malformed URL parameters, refused commands.
  api.notices = function () { return JSON.parse(call('cs_notices', 'string', [], [])); };

  // The run so far, every event as one JSON object a line (simulated again from the start).
  api.exportTrace = function () { return call('cs_export_trace', 'string', [], []); };
  // Per server per simulated second: time_s,server,cpu_percent,queue,response_ms,throughput_rps,memory_mb.
  api.exportMetrics = function () { return call('cs_export_metrics', 'string', [], []); };
  // The client history so far as Jepsen-style EDN (as clustersim-cli run --history writes).
  api.exportHistory = function () { return call('cs_export_history', 'string', [], []); };
  // Every kept event with its vector clock, as a ShiViz log (as clustersim-cli run --shiviz).
  api.exportShiviz = function () { return call('cs_export_shiviz', 'string', [], []); };
  // The space-time diagram's events between two simulated times (ms), with their vector
  // clocks and how the diagram's selected event relates to each (docs/ARCHITECTURE.md).
  api.spacetime = function (fromMs, toMs, limit) {
    return JSON.parse(call('cs_spacetime', 'string', ['number', 'number', 'number'],
                           [Number(fromMs), Number(toMs), Number(limit || 2000)]));
  };
  // Loads a scenario file's text as a drop does: a lesson opens as a lesson, a shared
  // scenario replays its commands at their times. {ok} or {ok: false, error}.
  api.loadFile = function (text) {
    return JSON.parse(call('cs_load_any', 'string', ['string'], [String(text)]));
  };

  // ---- drag and drop: a .scn file anywhere on the page ----
  function hasFiles(event) {
    var types = event.dataTransfer && event.dataTransfer.types;
    return !!types && Array.prototype.indexOf.call(types, 'Files') >= 0;
  }
  window.addEventListener('dragover', function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('drop', function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    var file = event.dataTransfer.files[0];
    if (!file || !api.ready) return;
    file.text().then(function (text) { api.loadFile(text); }, function () {});
  });

  // ---- paste: what the user copied elsewhere, for Ctrl+V in the page's text fields ----
  document.addEventListener('paste', function (event) {
    if (!api.ready || !event.clipboardData) return;
    var text = event.clipboardData.getData('text/plain');
    if (text) Module.ccall('cs_set_paste_text', null, ['string'], [text]);
  });
})();
