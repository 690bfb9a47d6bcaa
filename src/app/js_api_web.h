#pragma once
// The functions behind window.clustersim (web/api.js calls them with ccall).

namespace cs::app {

class Gui;
class Host;

// The host the JS API talks to; null until main has created it.
void set_js_api_host(Host* host);
// The GUI whose last frame window.clustersim.rects() describes (and whose keyboard
// focus Tab on the canvas moves: web/a11y.js).
void set_js_api_gui(Gui* gui);

// Tells the page that the first frame is on screen (window.clustersim.ready).
void js_api_mark_ready();
// Counts a frame drawn (window.clustersim.frames(): tests wait for frames, not for time).
void js_api_frame_drawn();

}  // namespace cs::app
