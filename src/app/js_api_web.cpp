#include "app/js_api_web.h"

#include <emscripten.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "app/announcer.h"
#include "app/gui.h"
#include "app/host.h"
#include "app/json_result.h"
#include "sim/json_writer.h"
#include "ui/log_filter.h"
#include "ui/theme.h"
#include "ui/time_controls.h"

namespace {

cs::app::Host* g_host = nullptr;
cs::app::Gui* g_gui = nullptr;  // not const: Tab on the canvas moves its keyboard focus
double g_frames = 0;  // frames drawn since the page started
cs::app::Announcer g_announcer;  // the live region's sentences (web/a11y.js asks for them)

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
void set_js_api_gui(Gui* gui) { g_gui = gui; }
void js_api_mark_ready() { js_set_ready(); }
void js_api_frame_drawn() {
    g_frames += 1;
    // Every frame, so that a seek or a reset is seen as one and its past is not announced.
    if (g_host) g_announcer.update(g_host->sim());
}

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

// Returns the speed in effect afterwards (clamped to 0.001..1000), or -1 if x was not a positive number.
EMSCRIPTEN_KEEPALIVE double cs_speed(double x) { return g_host->set_speed(x) ? g_host->playback().speed : -1.0; }

// The named rectangles of the last drawn frame in ImGui display coordinates,
// with the display size so that web/api.js can map them to CSS pixels:
// {"display_w":..,"display_h":..,"rects":[{"name":..,"x":..,"y":..,"w":..,"h":..}]}
EMSCRIPTEN_KEEPALIVE const char* cs_rects() {
    static std::string buffer;
    cs::JsonWriter json;
    json.begin_object();
    json.key("display_w").value(static_cast<double>(g_gui->display_width()), 2);
    json.key("display_h").value(static_cast<double>(g_gui->display_height()), 2);
    json.key("rects").begin_array();
    for (const cs::ui::NamedRect& r : g_gui->last_rects()) {
        json.begin_object();
        json.key("name").value(r.name);
        json.key("x").value(static_cast<double>(r.x), 2);
        json.key("y").value(static_cast<double>(r.y), 2);
        json.key("w").value(static_cast<double>(r.w), 2);
        json.key("h").value(static_cast<double>(r.h), 2);
        json.end_object();
    }
    json.end_array();
    json.end_object();
    return keep(buffer, json.take());
}

EMSCRIPTEN_KEEPALIVE double cs_current_speed() { return g_host->playback().speed; }
EMSCRIPTEN_KEEPALIVE void cs_step() { g_host->step(); }
EMSCRIPTEN_KEEPALIVE void cs_step_back() { g_host->step_back(); }
EMSCRIPTEN_KEEPALIVE void cs_seek(double ms) {
    if (std::isfinite(ms)) g_host->seek(static_cast<cs::TimeUs>(std::llround(ms * 1000.0)));
}
// seed < 0: the same seed again.
EMSCRIPTEN_KEEPALIVE void cs_reset(double seed) {
    g_host->reset(seed >= 0 && std::isfinite(seed) ? static_cast<std::uint64_t>(seed) : g_host->seed());
}
// on < 0: leave as it is. Returns whether skipping quiet time is on.
EMSCRIPTEN_KEEPALIVE int cs_skip_quiet(int on) {
    if (on >= 0) g_host->set_skip_quiet(on != 0);
    return g_host->playback().skip_quiet ? 1 : 0;
}

// The timeline as the strip at the bottom shows it: its range, where we are,
// and the markers (also those ahead of the cursor after a seek back).
EMSCRIPTEN_KEEPALIVE const char* cs_timeline() {
    static std::string buffer;
    const cs::ui::TimelineView view = g_host->timeline();
    const cs::TimeUs now = g_host->sim().now_us();
    const cs::ui::TimelineRange range = cs::ui::timeline_range(view, now);
    auto ms = [](cs::TimeUs us) { return static_cast<double>(us) / 1000.0; };
    cs::JsonWriter json;
    json.begin_object();
    json.key("now_ms").value(ms(now), 3);
    json.key("earliest_ms").value(ms(view.earliest_us), 3);
    json.key("latest_ms").value(ms(view.latest_us), 3);
    json.key("start_ms").value(ms(range.start_us), 3);  // the strip's left end
    json.key("end_ms").value(ms(range.end_us), 3);      // and its right end
    json.key("fast_forwarding").value(g_host->fast_forwarding());
    json.key("skip_quiet").value(g_host->playback().skip_quiet);
    json.key("milestones").begin_array();
    if (view.milestones)
        for (const cs::Milestone& m : *view.milestones) {
            json.begin_object();
            json.key("time_ms").value(ms(m.time_us), 3);
            json.key("kind").value(cs::milestone_kind_name(m.kind));
            if (m.node >= 1) json.key("server").value(m.node);
            json.key("text").value(cs::ui::describe_milestone(m, view.violations));
            json.end_object();
        }
    json.end_array();
    json.end_object();
    return keep(buffer, json.take());
}

// What the Log tab showed when it was last drawn: its search, how many lines its
// filters keep out of how many, and the newest `at_most` of those lines.
EMSCRIPTEN_KEEPALIVE const char* cs_log_view(int at_most) {
    static std::string buffer;
    const cs::ui::LogPanelState& log = g_gui->ui_state().log;
    const cs::EventLog& events = g_host->sim().event_log();
    const std::size_t shown = log.index.size();
    cs::JsonWriter json;
    json.begin_object();
    json.key("search").value(log.filter.search);
    json.key("shown").value(static_cast<std::uint64_t>(shown));
    json.key("total").value(static_cast<std::uint64_t>(events.size()));
    json.key("lines").begin_array();
    // The index is brought up to date when the tab is drawn: a record the log has
    // forgotten since then is not read.
    const std::uint64_t oldest = events.total() - events.size();
    const std::size_t want = at_most > 0 ? static_cast<std::size_t>(at_most) : 0;
    for (std::size_t i = shown > want ? shown - want : 0; i < shown; ++i) {
        const std::uint64_t at = log.index.position(i);
        if (at >= oldest && at < events.total()) json.value(cs::ui::log_line(log.index.record(events, i), g_host->sim()));
    }
    json.end_array();
    json.end_object();
    return keep(buffer, json.take());
}

EMSCRIPTEN_KEEPALIVE double cs_frames() { return g_frames; }

// What the live region should say about what happened since announcement `since`:
// {"latest": seq, "spoken": "at most 3 sentences", "items": [{"seq", "time_ms", "kind", "text"}]}.
EMSCRIPTEN_KEEPALIVE const char* cs_announcements(double since) {
    static std::string buffer;
    const std::uint64_t after = since > 0 && std::isfinite(since) ? static_cast<std::uint64_t>(since) : 0;
    const std::vector<cs::app::Announcement> batch = g_announcer.since(after);
    cs::JsonWriter json;
    json.begin_object();
    json.key("latest").value(g_announcer.latest());
    json.key("spoken").value(cs::app::spoken_summary(batch));
    json.key("items").begin_array();
    for (const cs::app::Announcement& a : batch) {
        json.begin_object();
        json.key("seq").value(a.seq);
        json.key("time_ms").value(static_cast<double>(a.time_us) / 1000.0, 3);
        json.key("kind").value(a.kind == cs::app::Announcement::Kind::Order ? "order" : "event");
        json.key("text").value(a.text);
        json.end_object();
    }
    json.end_array();
    json.end_object();
    return keep(buffer, json.take());
}

// Tab on the canvas: 1 when ImGui's keyboard focus moves to the next (step 1) or previous
// (-1) area of the screen, 0 when there is none that way and the focus may leave the canvas.
EMSCRIPTEN_KEEPALIVE int cs_focus_area(int step) { return g_gui && g_gui->focus_next_area(step) ? 1 : 0; }

// Whether the UI was told, in the last frame, that the reader prefers reduced motion.
EMSCRIPTEN_KEEPALIVE int cs_reduced_motion() { return g_gui->reduced_motion() ? 1 : 0; }
// The theme drawn, as of the last frame (theme=auto follows the system live).
EMSCRIPTEN_KEEPALIVE int cs_theme_light() { return cs::ui::current_theme() == cs::ui::Theme::Light ? 1 : 0; }

EMSCRIPTEN_KEEPALIVE int cs_paused() { return g_host->playback().paused ? 1 : 0; }

}  // extern "C"
