#include "app/gui.h"

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <utility>

#include "app/host.h"
#include "app/input_queue.h"
#include "app/page_prefs.h"
#include "ui/fonts.h"
#include "ui/layout.h"
#include "ui/theme.h"

namespace cs::app {

namespace {

// GLFW calls plain functions; the window's user pointer leads back to its queue.
InputQueue& queue_of(GLFWwindow* window) { return *static_cast<InputQueue*>(glfwGetWindowUserPointer(window)); }

void queue_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    queue_of(window).push(InputEvent::key(key, action, scancode, mods));
}

void queue_char(GLFWwindow* window, unsigned int c) { queue_of(window).push(InputEvent::character(c)); }

void queue_cursor(GLFWwindow* window, double x, double y) { queue_of(window).push(InputEvent::cursor(x, y)); }

void queue_mouse_button(GLFWwindow* window, int button, int action, int mods) {
    // Where the pointer is now, as the press or release happens: the browser's GLFW
    // moves it with a button event without calling the cursor callback.
    double x = 0, y = 0;
    glfwGetCursorPos(window, &x, &y);
    queue_of(window).push(InputEvent::cursor(x, y));
    queue_of(window).push(InputEvent::button(button, action, mods));
}

void queue_scroll(GLFWwindow* window, double dx, double dy) { queue_of(window).push(InputEvent::scroll(dx, dy)); }

static_assert(InputEvent::kRelease == GLFW_RELEASE && InputEvent::kPress == GLFW_PRESS &&
              InputEvent::kRepeat == GLFW_REPEAT);

}  // namespace

Gui::Gui(GLFWwindow* window, const char* glsl_version) : window_(window), input_(std::make_unique<InputQueue>()) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is computed, not saved
    // The backend's own callbacks for focus, cursor enter and monitors; keys,
    // characters, buttons, the pointer and the wheel go through the input queue
    // (input_queue.h), which hands them to the backend a frame at a time.
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init(glsl_version);
    glfwSetWindowUserPointer(window, input_.get());
    glfwSetKeyCallback(window, queue_key);
    glfwSetCharCallback(window, queue_char);
    glfwSetMouseButtonCallback(window, queue_mouse_button);
    glfwSetCursorPosCallback(window, queue_cursor);
    glfwSetScrollCallback(window, queue_scroll);
}

Gui::~Gui() {
    glfwSetCursorPosCallback(window_, nullptr);  // the backend puts back the others it replaced
    glfwSetWindowUserPointer(window_, nullptr);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
}

void Gui::start_ui(const StartOptions& options) {
    const bool light = options.theme == ThemeChoice::Light ||
                       (options.theme == ThemeChoice::Auto && system_prefers_light());
    ui::apply_theme(light ? ui::Theme::Light : ui::Theme::Dark);
    style_stale_ = true;
    theme_follows_system_ = options.theme == ThemeChoice::Auto;
    const bool first_visit = !options.embed && options.lesson.empty() && options.scenario.empty() &&
                             !options.start_at_us && options.view.empty();
    ui_state_.start_card.open = first_visit && !start_card_dismissed_this_session();
    // Behind the card and after it, the lessons rather than an empty Inspect tab.
    if (ui_state_.start_card.open) ui_state_.open(ui::SideTab::Lesson);
}

float Gui::size_factor(float content_scale, bool embed) const {
    int window_w = 0, window_h = 0;
    glfwGetWindowSize(window_, &window_w, &window_h);
    const float css_w = static_cast<float>(window_w) / std::max(content_scale, 0.25f);
    const float css_h = static_cast<float>(window_h) / std::max(content_scale, 0.25f);
    // Text grows with big screens (1920x1080: 1.25, 2560x1440: 1.625, 4K: 2.5) ...
    float factor = std::min(css_w / 1440.0f, css_h / 860.0f);
    // ... and shrinks a little in a small embed, so that its lesson fits beside the cluster.
    if (factor < 1.0f) factor = embed ? std::clamp(std::min(css_w / 640.0f, css_h / 480.0f), 0.85f, 1.0f) : 1.0f;
    factor = std::min(factor, 2.5f);
    // In steps of 1/8: the fonts are rebuilt when it changes, not on every pixel of a resize.
    return std::max(std::round(factor * 8.0f) / 8.0f, 0.85f);
}

void Gui::set_scale(float content_scale) {
    // Browser zoom can take devicePixelRatio anywhere; keep the atlas a sane size.
    content_scale = std::clamp(content_scale, 0.5f, 8.0f);
    if (content_scale == content_scale_ && !style_stale_) return;
    style_stale_ = false;
    content_scale_ = content_scale;

    // On macOS-style HiDPI the window is in points and the framebuffer in pixels;
    // ImGui works in window units, so text is rasterised at full pixel size and
    // shown at 1/fb_scale to stay crisp. On the web and on X11 fb_scale is 1.
    int window_w = 0, window_h = 0, fb_w = 0, fb_h = 0;
    glfwGetWindowSize(window_, &window_w, &window_h);
    glfwGetFramebufferSize(window_, &fb_w, &fb_h);
    const float fb_scale = window_w > 0 && fb_w > 0 ? static_cast<float>(fb_w) / static_cast<float>(window_w) : 1.0f;

    ui::build_fonts(content_scale);
    ImGui::GetIO().FontGlobalScale = 1.0f / fb_scale;
    ui_scale_ = content_scale / fb_scale;
    ui::apply_style(ui_scale_);
    // The atlas changed: the backend must upload it again. Before the first frame it has
    // no GL objects yet and makes them all, the atlas's texture included, in its first
    // NewFrame: uploading here as well would upload the atlas twice (and lose a texture).
    if (gl_objects_made_) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
}

// This frame's share of the queued input: keys, characters and the wheel to the
// backend (as its own callbacks would have), the pointer and the buttons kept here.
void Gui::apply_input() {
    input_->take_frame([this](const InputEvent& e) {
        switch (e.kind) {
        case InputEvent::Kind::Key:
            ImGui_ImplGlfw_KeyCallback(window_, e.code, e.scancode, e.action, e.mods);
            break;
        case InputEvent::Kind::Char:
            ImGui_ImplGlfw_CharCallback(window_, static_cast<unsigned int>(e.code));
            break;
        case InputEvent::Kind::Scroll:
            ImGui_ImplGlfw_ScrollCallback(window_, e.x, e.y);
            break;
        case InputEvent::Kind::CursorPos:
            pointer_x_ = static_cast<float>(e.x);
            pointer_y_ = static_cast<float>(e.y);
            pointer_seen_ = true;
            break;
        case InputEvent::Kind::MouseButton:
            if (e.code >= 0 && e.code < kButtons && e.action != InputEvent::kRepeat)
                buttons_down_[e.code] = e.action == InputEvent::kPress;
            break;
        }
    });
}

namespace {
double ms_between(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}
}  // namespace

void Gui::follow_system_theme() {
    if (!theme_follows_system_) return;
    const ui::Theme wanted = system_prefers_light() ? ui::Theme::Light : ui::Theme::Dark;
    if (wanted == ui::current_theme()) return;
    ui::apply_theme(wanted);
    style_stale_ = true;
}

void Gui::frame(Host& host, float content_scale, bool embed) {
    follow_system_theme();
    set_scale(content_scale * size_factor(content_scale, embed));
    const auto start = std::chrono::steady_clock::now();

    ImGui_ImplOpenGL3_NewFrame();
    gl_objects_made_ = true;
    apply_input();
    ImGui_ImplGlfw_NewFrame();
    areas_.before_new_frame();  // keyboard navigation, while Tab on the canvas has it on (keyboard_areas.h)
    // The backend polled GLFW's live pointer and buttons; ImGui is shown where they were
    // as of the events this frame took. (It says -FLT_MAX when the pointer is elsewhere.)
    ImGuiIO& io = ImGui::GetIO();
    if (pointer_seen_ && io.MousePos.x > -FLT_MAX) io.MousePos = ImVec2(pointer_x_, pointer_y_);
    for (int i = 0; i < kButtons; ++i) io.MouseDown[i] = buttons_down_[i];
    ImGui::NewFrame();
    areas_.apply();  // Tab on the canvas moved the keyboard focus to another area

    course_.before_frame(host, ui_state_);  // the lesson script moves on before the UI shows it

    ui::FrameInput in;
    in.scale = ui_scale_;
    in.embed = embed;
    in.behind = host.behind();
    in.fast_forwarding = host.fast_forwarding();
    in.reduced_motion = reduced_motion_;
    in.playback = host.playback();
    in.notices = &host.notices();
    in.timeline = host.timeline();
    in.course = &course_.view();
    const bool card_was_open = ui_state_.start_card.open;
    ui::Actions actions = ui::draw_ui(host.sim(), in, ui_state_);
    if (card_was_open && !ui_state_.start_card.open) remember_start_card_dismissed();
    last_rects_ = std::move(actions.rects);
    display_w_ = ImGui::GetIO().DisplaySize.x;
    display_h_ = ImGui::GetIO().DisplaySize.y;

    ImGui::Render();
    const auto built = std::chrono::steady_clock::now();
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(window_, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    const ImVec4 clear = ImColor(ui::color::kCanvas);
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    const auto rendered = std::chrono::steady_clock::now();

    host.apply(actions);
    course_.after_frame(host, actions.course);
    timing_ = {ms_between(start, built), ms_between(built, rendered),
               ms_between(rendered, std::chrono::steady_clock::now())};
}

}  // namespace cs::app
