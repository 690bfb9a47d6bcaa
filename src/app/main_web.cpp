// The web page: GLFW (Emscripten's JavaScript implementation) on a WebGL 2
// canvas that fills the browser window, driven by requestAnimationFrame.
#include <emscripten.h>
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "app/frame_bench.h"
#include "app/gui.h"
#include "app/host.h"
#include "app/js_api_web.h"
#include "app/seek_bench.h"
#include "app/share_api_web.h"
#include "app/url_params.h"

EM_JS(double, js_device_pixel_ratio, (), { return window.devicePixelRatio || 1; });
EM_JS(int, js_canvas_css_width, (), { return Module['canvas'].clientWidth; });
EM_JS(int, js_canvas_css_height, (), { return Module['canvas'].clientHeight; });
// Not glfwSetWindowSize: Emscripten's GLFW turns a size equal to the screen's
// into a fullscreen request (a maximised or F11 browser window would jump to
// fullscreen). Browser.setCanvasSize sizes the drawing buffer and tells GLFW.
EM_JS(void, js_set_canvas_size, (int w, int h), { Browser.setCanvasSize(w, h); });
// prefers-reduced-motion, as web/a11y.js keeps it (matchMedia and its change events).
EM_JS(int, js_reduced_motion, (), { return window.clustersimReducedMotion ? 1 : 0; });
EM_JS(char*, js_query_string, (), { return allocateUTF8(window.location.search || ""); });
EM_JS(void, js_set_bench, (const char* json), {
    if (typeof window.clustersimSetBench === 'function') window.clustersimSetBench(UTF8ToString(json));
});
EM_JS(void, js_set_startup, (const char* json), {
    if (typeof window.clustersimSetStartup === 'function') window.clustersimSetStartup(UTF8ToString(json));
});
EM_JS(void, js_fatal, (const char* text), {
    if (typeof window.clustersimFatal === 'function') window.clustersimFatal(UTF8ToString(text));
});

namespace {

struct WebApp {
    GLFWwindow* window = nullptr;
    std::unique_ptr<cs::app::Host> host;
    std::unique_ptr<cs::app::Gui> gui;
    bool embed = false;
    double last_ms = 0;
    float pixel_ratio = 1.0f;
    bool ready = false;
    std::unique_ptr<cs::app::FrameBench> bench;  // ?bench=1: the frame-time benchmark
    std::unique_ptr<cs::app::SeekBench> seek_bench;  // then the seek benchmark
    std::string frame_results;                       // the frame benchmark's JSON, until the seek one ends
    // performance.now() (ms since the page started loading) at the milestones of startup,
    // for the benchmark's "startup" entry: main() entered (the script and the wasm are
    // loaded and compiled), the WebGL context made, the host made (the scenario loaded), the GUI made
    // (fonts, GL objects), the first frame drawn (ready).
    double main_ms = 0, window_ms = 0, host_ms = 0, gui_ms = 0, course_ms = 0, ready_ms = 0;
};

WebApp g_app;  // emscripten_set_main_loop calls back into it, main never returns

// The canvas is sized by CSS (the whole window); its drawing buffer must
// follow at device-pixel resolution so text is crisp on HiDPI screens. Polled
// each frame: that covers window resizes and browser zoom (which changes
// devicePixelRatio) without any event wiring.
void follow_canvas_size() {
    g_app.pixel_ratio = static_cast<float>(js_device_pixel_ratio());
    const int w = std::max(1, static_cast<int>(std::lround(js_canvas_css_width() * g_app.pixel_ratio)));
    const int h = std::max(1, static_cast<int>(std::lround(js_canvas_css_height() * g_app.pixel_ratio)));
    int current_w = 0, current_h = 0;
    glfwGetWindowSize(g_app.window, &current_w, &current_h);
    if (w != current_w || h != current_h) js_set_canvas_size(w, h);
}

// ?bench=1: fixed workloads, fixed frame steps, the CPU time of each frame
// (host tick + UI build + render submission) measured here.
void bench_frame() {
    cs::app::FrameBench& bench = *g_app.bench;
    bench.before_frame(*g_app.host);
    const double start_ms = emscripten_get_now();
    g_app.host->tick(cs::app::FrameBench::kFrameS);
    const double ticked_ms = emscripten_get_now();
    g_app.gui->frame(*g_app.host, g_app.pixel_ratio, g_app.embed);
    const double end_ms = emscripten_get_now();
    const cs::app::FrameTiming& parts = g_app.gui->last_timing();
    bench.after_frame({end_ms - start_ms, ticked_ms - start_ms, parts.build_ms, parts.render_ms});
    if (bench.done()) {
        g_app.host->notify(bench.summary());
        g_app.frame_results = bench.results_json();
        g_app.bench.reset();
        g_app.seek_bench = std::make_unique<cs::app::SeekBench>(cs::app::default_seek_workloads(),
                                                                  [] { return emscripten_get_now(); });
        g_app.host->notify("seek benchmark running: an hour under heavy load, then 40 seeks (twice)");
        g_app.last_ms = emscripten_get_now();
    }
}

std::string startup_json() {
    char text[256];
    std::snprintf(text, sizeof text,
                  "{\"main_ms\":%.1f,\"window_ms\":%.1f,\"host_ms\":%.1f,\"gui_ms\":%.1f,\"course_ms\":%.1f,\"ready_ms\":%.1f}",
                  g_app.main_ms, g_app.window_ms, g_app.host_ms, g_app.gui_ms, g_app.course_ms, g_app.ready_ms);
    return text;
}

// After the frame benchmark: one seek a frame, then all results to window.clustersim.bench.
void seek_bench_frame() {
    cs::app::SeekBench& bench = *g_app.seek_bench;
    bench.frame(*g_app.host);
    g_app.gui->frame(*g_app.host, g_app.pixel_ratio, g_app.embed);
    if (!bench.done()) return;
    for (const cs::app::SeekStats& s : bench.stats()) {
        char line[160];
        std::snprintf(line, sizeof line, "seek benchmark: %d seeks in an hour's run, mean %.1f ms, max %.1f ms",
                      s.seeks, s.mean_ms, s.max_ms);
        g_app.host->notify(line);
    }
    // The frame results are one JSON object: the seek and startup entries join it.
    std::string all = g_app.frame_results;
    if (!all.empty() && all.back() == '}') all.pop_back();
    if (all.size() > 1) all += ',';
    all += "\"seek\":" + bench.results_json() + ",\"startup\":" + startup_json() + "}";
    js_set_bench(all.c_str());
    g_app.seek_bench.reset();
    g_app.last_ms = emscripten_get_now();
}

void frame() {
    follow_canvas_size();
    // The first frame is an ordinary one even with ?bench=1, so that `ready` times the
    // page's own startup, not the benchmark's first workload.
    g_app.gui->set_reduced_motion(js_reduced_motion() != 0);
    if (g_app.bench && g_app.ready) {
        bench_frame();
    } else if (g_app.seek_bench) {
        seek_bench_frame();
    } else {
        const double now_ms = emscripten_get_now();
        g_app.host->tick((now_ms - g_app.last_ms) / 1000.0);
        g_app.last_ms = now_ms;
        // The window is in device pixels here, so the UI scale is the pixel ratio itself.
        g_app.gui->frame(*g_app.host, g_app.pixel_ratio, g_app.embed);
    }
    cs::app::js_api_frame_drawn();
    if (!g_app.ready) {
        g_app.ready = true;
        g_app.ready_ms = emscripten_get_now();
        js_set_startup(startup_json().c_str());
        cs::app::js_api_mark_ready();
    }
}

}  // namespace

int main() {
    g_app.main_ms = emscripten_get_now();
    if (!glfwInit()) {
        js_fatal("GLFW could not start in this browser.");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_ALPHA_BITS, 0);  // an opaque canvas: nothing behind it shows through
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    g_app.window = glfwCreateWindow(1280, 720, "clustersim", nullptr, nullptr);
    if (!g_app.window) {
        js_fatal("This page needs WebGL 2, which this browser did not provide.");
        return 1;
    }
    glfwMakeContextCurrent(g_app.window);
    g_app.window_ms = emscripten_get_now();

    char* raw_query = js_query_string();
    std::string query = raw_query;
    std::free(raw_query);
    const bool bench = cs::app::take_bench_param(query);
    const cs::app::StartOptions options = cs::app::parse_url_params(query);
    g_app.embed = options.embed;
    g_app.host = std::make_unique<cs::app::Host>(options);
    g_app.host_ms = emscripten_get_now();
    g_app.gui = std::make_unique<cs::app::Gui>(g_app.window, "#version 300 es");
    g_app.gui_ms = emscripten_get_now();
    g_app.gui->start_ui(options);  // theme (auto: prefers-color-scheme), the first visit's start card
    cs::app::set_js_api_host(g_app.host.get());
    cs::app::set_js_api_gui(g_app.gui.get());
    // A link's journal and moment, or the URL's lesson (lessons, links: share_api_web.cpp).
    g_app.gui->course().start(*g_app.host, options);
    cs::app::set_share_api(g_app.host.get(), &g_app.gui->course());
    g_app.course_ms = emscripten_get_now();
    if (bench) {
        g_app.bench = std::make_unique<cs::app::FrameBench>(cs::app::default_bench_workloads());
        g_app.host->notify("frame benchmark running: 6 and 64 servers under heavy load, 300 frames each");
    }
    follow_canvas_size();
    g_app.last_ms = emscripten_get_now();

    // 0 fps = requestAnimationFrame. No glfwSwapInterval: the browser presents
    // each frame itself (and calling it before the loop exists is an error).
    emscripten_set_main_loop(frame, 0, true);
    return 0;
}
