#include "app/js_api_web.h"

#include <emscripten.h>

#include <cmath>
#include <string>

#include "app/host.h"
#include "app/json_result.h"

namespace {

cs::app::Host* g_host = nullptr;

// ccall copies the returned C string at once, so one buffer per function is enough.
const char* keep(std::string& buffer, std::string value) {
    buffer = std::move(value);
    return buffer.c_str();
}

}  // namespace

EM_JS(void, js_set_ready, (), {
    if (typeof window.clustersimSetReady === 'function') window.clustersimSetReady();
});

namespace cs::app {

void set_js_api_host(Host* host) { g_host = host; }
void js_api_mark_ready() { js_set_ready(); }

}  // namespace cs::app

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* cs_command(const char* line) {
    static std::string buffer;
    return keep(buffer, cs::app::result_json(g_host->command(line)));
}

EMSCRIPTEN_KEEPALIVE const char* cs_load(const char* text) {
    static std::string buffer;
    return keep(buffer, cs::app::result_json(g_host->load(text)));
}

EMSCRIPTEN_KEEPALIVE const char* cs_state() {
    static std::string buffer;
    return keep(buffer, g_host->sim().state_json());
}

EMSCRIPTEN_KEEPALIVE void cs_pause() { g_host->pause(); }
EMSCRIPTEN_KEEPALIVE void cs_resume() { g_host->resume(); }

// Returns the speed in effect afterwards (clamped to 0.01..10), or -1 if x was not a positive number.
EMSCRIPTEN_KEEPALIVE double cs_speed(double x) { return g_host->set_speed(x) ? g_host->playback().speed : -1.0; }

EMSCRIPTEN_KEEPALIVE int cs_paused() { return g_host->playback().paused ? 1 : 0; }

}  // extern "C"
