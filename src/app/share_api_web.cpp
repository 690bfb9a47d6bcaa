#include "app/share_api_web.h"

#include <emscripten.h>
#include <imgui.h>

#include <string>

#include "app/course_tools.h"
#include "app/exports.h"
#include "app/host.h"
#include "app/json_result.h"
#include "sim/json_writer.h"
#include "ui/spacetime_panel.h"

EM_JS(void, js_write_clipboard, (const char* text), {
    if (navigator.clipboard && navigator.clipboard.writeText)
        navigator.clipboard.writeText(UTF8ToString(text)).then(function () {}, function () {});
});

namespace {

cs::app::Host* g_host = nullptr;
cs::app::CourseTools* g_course = nullptr;
// Emscripten's GLFW (3.1.6) has no clipboard: its glfwSet/GetClipboardString do
// nothing, so Ctrl+C / Ctrl+V in ImGui's text fields did nothing on the page. The
// page keeps ImGui's clipboard here instead: a copy also goes to the browser's
// clipboard, and a paste event on the page (web/share.js) fills it.
std::string g_clipboard;

void web_set_clipboard(void*, const char* text) {
    g_clipboard = text ? text : "";
    js_write_clipboard(g_clipboard.c_str());
}

const char* web_get_clipboard(void*) { return g_clipboard.c_str(); }

// ccall copies the returned C string at once, so one buffer per function is enough.
const char* keep(std::string& buffer, std::string value) {
    buffer = std::move(value);
    return buffer.c_str();
}

const char* phase_name(cs::ui::LessonPhase phase) {
    switch (phase) {
        case cs::ui::LessonPhase::Running: return "running";
        case cs::ui::LessonPhase::Watching: return "watching";
        case cs::ui::LessonPhase::YourTurn: return "your-turn";
        case cs::ui::LessonPhase::StepDone: return "step-done";
        case cs::ui::LessonPhase::Finished: return "finished";
    }
    return "?";
}

std::string lesson_json(const cs::ui::LessonView& v) {
    cs::JsonWriter json;
    if (!v.active) {
        json.null();
        return json.take();
    }
    json.begin_object();
    json.key("name").value(v.name);
    json.key("title").value(v.title);
    json.key("section").value(v.section);
    json.key("step").value(v.step + 1);  // 1-based, as the tab and ?step= number them
    json.key("steps").value(v.step_count);
    json.key("phase").value(phase_name(v.phase));
    json.key("narration").value(v.narration);
    json.key("awaited").value(v.awaited);
    json.key("wait_left_ms").value(static_cast<std::int64_t>(v.wait_left_us / 1000));
    json.key("off_track").value(v.off_track);
    json.key("expects").begin_array();
    for (const cs::ui::ExpectView& e : v.expects) {
        json.begin_object();
        json.key("what").value(e.what);
        json.key("ok").value(e.ok);
        json.key("got").value(e.got);
        json.end_object();
    }
    json.end_array();
    json.key("own_commands").begin_array();
    for (const std::string& c : v.own_commands) json.value(c);
    json.end_array();
    json.end_object();
    return json.take();
}

}  // namespace

namespace cs::app {

void set_share_api(Host* host, CourseTools* course) {
    g_host = host;
    g_course = course;
    if (ImGui::GetCurrentContext()) {
        ImGuiIO& io = ImGui::GetIO();
        io.SetClipboardTextFn = web_set_clipboard;
        io.GetClipboardTextFn = web_get_clipboard;
    }
}

}  // namespace cs::app

extern "C" {

// The URL that reproduces what the page shows now (as "Copy link" makes it); "" if it cannot.
EMSCRIPTEN_KEEPALIVE const char* cs_link() {
    static std::string buffer;
    std::string error;
    return keep(buffer, g_course->link(*g_host, error));
}

// null, or {name, title, section, step, steps, phase, narration, awaited, expects: [...], ...}.
EMSCRIPTEN_KEEPALIVE const char* cs_lesson() {
    static std::string buffer;
    return keep(buffer, lesson_json(g_course->player().view(*g_host)));
}

// [{name, title, section}] in course order.
EMSCRIPTEN_KEEPALIVE const char* cs_lessons() {
    static std::string buffer;
    cs::JsonWriter json;
    json.begin_array();
    for (const cs::ui::LessonListItem& item : g_course->view().lesson.catalogue) {
        json.begin_object();
        json.key("name").value(item.name);
        json.key("title").value(item.title);
        json.key("section").value(item.section);
        json.end_object();
    }
    json.end_array();
    return keep(buffer, json.take());
}

// Opens a shipped lesson at a 1-based step.
EMSCRIPTEN_KEEPALIVE const char* cs_open_lesson(const char* name, int step) {
    static std::string buffer;
    cs::app::LessonPlayer& player = g_course->player();
    const bool ok = player.open(name, *g_host, step > 0 ? step - 1 : 0);
    return keep(buffer, cs::app::result_json(cs::CommandResult{ok, ok ? "" : player.error()}));
}

// What the Lesson tab's buttons do: next, previous, restart, do-it, skip, back, close.
EMSCRIPTEN_KEEPALIVE const char* cs_lesson_action(const char* action) {
    static std::string buffer;
    cs::app::LessonPlayer& player = g_course->player();
    const std::string a = action;
    if (!player.active()) return keep(buffer, cs::app::result_json({false, "no lesson is open"}));
    if (a == "next") player.next(*g_host);
    else if (a == "previous") player.previous(*g_host);
    else if (a == "restart") player.restart(*g_host);
    else if (a == "do-it") player.do_it_for_me(*g_host);
    else if (a == "skip") player.skip_wait(*g_host);
    else if (a == "back") player.back_to_lesson(*g_host);
    else if (a == "close") player.close();
    else
        return keep(buffer, cs::app::result_json(
                                {false, "unknown lesson action '" + a + "' (next, previous, restart, do-it, skip, back, close)"}));
    return keep(buffer, cs::app::result_json({}));
}

// ["..."]: the messages in the page's notice strip (malformed URL parameters, refused commands).
EMSCRIPTEN_KEEPALIVE const char* cs_notices() {
    static std::string buffer;
    cs::JsonWriter json;
    json.begin_array();
    for (const std::string& notice : g_host->notices()) json.value(notice);
    json.end_array();
    return keep(buffer, json.take());
}

EMSCRIPTEN_KEEPALIVE const char* cs_export_trace() {
    static std::string buffer;
    const cs::app::TraceExport trace = cs::app::export_trace(*g_host);
    return keep(buffer, trace.error.empty() ? trace.text : std::string());
}

EMSCRIPTEN_KEEPALIVE const char* cs_export_history() {
    static std::string buffer;
    return keep(buffer, cs::app::export_history_edn(g_host->sim()));
}

EMSCRIPTEN_KEEPALIVE const char* cs_export_shiviz() {
    static std::string buffer;
    return keep(buffer, cs::app::export_shiviz(g_host->sim()));
}

// The space-time diagram's events in [from_ms, to_ms] with their vector clocks (exports.h).
EMSCRIPTEN_KEEPALIVE const char* cs_spacetime(double from_ms, double to_ms, int limit) {
    static std::string buffer;
    return keep(buffer, cs::app::spacetime_json(g_host->sim(), static_cast<cs::TimeUs>(from_ms * 1000.0),
                                                static_cast<cs::TimeUs>(to_ms * 1000.0),
                                                static_cast<std::size_t>(limit > 0 ? limit : 2000),
                                                cs::ui::spacetime_selection()));
}

EMSCRIPTEN_KEEPALIVE const char* cs_export_metrics() {
    static std::string buffer;
    return keep(buffer, cs::app::export_metrics_csv(g_host->sim()));
}

// A dropped or pasted text: a lesson opens as a lesson, a (shared) scenario replaces the run.
EMSCRIPTEN_KEEPALIVE const char* cs_load_any(const char* text) {
    static std::string buffer;
    std::string error;
    const bool ok = g_course->load_text(*g_host, text, error);
    g_course->set_status(ok ? "Loaded" : "Not loaded: " + error);
    return keep(buffer, cs::app::result_json(cs::CommandResult{ok, error}));
}

// The page hands over what the user pastes (a paste event), so that Ctrl+V in an
// ImGui text field pastes what was copied elsewhere.
EMSCRIPTEN_KEEPALIVE void cs_set_paste_text(const char* text) { g_clipboard = text; }

}  // extern "C"
