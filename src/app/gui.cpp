#include "app/gui.h"

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <GLFW/glfw3.h>

#include <algorithm>
#include <chrono>
#include <utility>

#include "app/host.h"
#include "ui/fonts.h"
#include "ui/layout.h"
#include "ui/theme.h"

namespace cs::app {

Gui::Gui(GLFWwindow* window, const char* glsl_version) : window_(window) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is computed, not saved
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init(glsl_version);
}

Gui::~Gui() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
}

void Gui::set_scale(float content_scale) {
    // Browser zoom can take devicePixelRatio anywhere; keep the atlas a sane size.
    content_scale = std::clamp(content_scale, 0.5f, 4.0f);
    if (content_scale == content_scale_) return;
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
    // The atlas changed: the backend must upload it again.
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

namespace {
double ms_between(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}
}  // namespace

void Gui::frame(Host& host, float content_scale, bool embed) {
    set_scale(content_scale);
    const auto start = std::chrono::steady_clock::now();

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();

    course_.before_frame(host, ui_state_);  // the lesson script moves on before the UI shows it

    ui::FrameInput in;
    in.scale = ui_scale_;
    in.embed = embed;
    in.behind = host.behind();
    in.fast_forwarding = host.fast_forwarding();
    in.playback = host.playback();
    in.notices = &host.notices();
    in.timeline = host.timeline();
    in.course = &course_.view();
    ui::Actions actions = ui::draw_ui(host.sim(), in, ui_state_);
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
