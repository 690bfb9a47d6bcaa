#pragma once
// Dear ImGui on GLFW + OpenGL 3 / WebGL 2: the part of a frame that both the
// desktop and the web main share. The platform mains own the window and the
// loop; this owns the ImGui context, the fonts at the right pixel size and
// the hand-off between the UI and the Host.
#include <memory>
#include <vector>

#include "app/course_tools.h"
#include "app/keyboard_areas.h"
#include "app/options.h"
#include "ui/test_hooks.h"
#include "ui/ui_state.h"

struct GLFWwindow;

namespace cs::app {

class Host;
class InputQueue;

// Where the last frame's CPU time went (for the ?bench=1 frame benchmark).
struct FrameTiming {
    double build_ms = 0;   // ImGui new frame + every window's contents + ImGui::Render
    double render_ms = 0;  // GL calls submitting the draw lists
    double apply_ms = 0;   // the user's actions applied to the host (a seek can take a while)
};

class Gui {
public:
    // glsl_version: "#version 150" (desktop GL 3.2+) or "#version 300 es" (WebGL 2).
    Gui(GLFWwindow* window, const char* glsl_version);
    ~Gui();
    Gui(const Gui&) = delete;
    Gui& operator=(const Gui&) = delete;

    // Draws one frame into the current framebuffer and applies what the user did.
    // content_scale: device pixels per CSS pixel / per 96-dpi pixel (devicePixelRatio,
    // glfwGetWindowContentScale). embed: the compact layout.
    void frame(Host& host, float content_scale, bool embed);

    // Where the named items of the last drawn frame are, in ImGui display
    // coordinates (window units: device pixels on the web), for the browser tests.
    const std::vector<ui::NamedRect>& last_rects() const { return last_rects_; }
    // The ImGui display size of the last frame: the page maps rects to CSS pixels with it.
    float display_width() const { return display_w_; }
    float display_height() const { return display_h_; }
    const FrameTiming& last_timing() const { return timing_; }
    // The UI's memory between frames (the Log tab's filtered lines, for window.clustersim.logView()).
    const ui::UiState& ui_state() const { return ui_state_; }

    // The reader's prefers-reduced-motion (the page reads it; FrameInput::reduced_motion).
    void set_reduced_motion(bool on) { reduced_motion_ = on; }
    bool reduced_motion() const { return reduced_motion_; }

    // Tab on the canvas: to the next (+1) or previous (-1) area; false past the last (keyboard_areas.h).
    bool focus_next_area(int step) { return areas_.step(step); }
    // What the start options say about the look: the theme (theme=, --theme; auto asks
    // the system), and the start card for a first visit (no lesson, scenario, link,
    // view or embed). The mains call it once, before the first frame.
    void start_ui(const StartOptions& options);

    // Lessons, links and exports (the Lesson tab); the mains start it, the JS API reaches it.
    CourseTools& course() { return course_; }

private:
    void set_scale(float content_scale);
    // How much bigger than 1:1 the UI is drawn for this window size (text grows on big screens).
    float size_factor(float content_scale, bool embed) const;
    void apply_input();

    GLFWwindow* window_;
    // Keys, characters, buttons, the pointer and the wheel, a frame's worth at a time
    // (input_queue.h), and where the pointer and the buttons are as of the last frame.
    std::unique_ptr<InputQueue> input_;
    static constexpr int kButtons = 5;  // ImGui's mouse buttons
    bool buttons_down_[kButtons] = {};
    float pointer_x_ = 0.0f, pointer_y_ = 0.0f;
    bool pointer_seen_ = false;
    bool reduced_motion_ = false;
    // theme=auto: the page follows the system's colour scheme, also when it changes
    // while the page is open (checked once a frame, from a flag the page keeps).
    bool theme_follows_system_ = false;
    void follow_system_theme();
    KeyboardAreas areas_;
    float content_scale_ = 0.0f;  // what the fonts were built for
    bool style_stale_ = true;     // the theme changed: apply the style again
    bool gl_objects_made_ = false;  // the backend's first NewFrame made its shaders and textures
    float ui_scale_ = 1.0f;       // ImGui units per design pixel
    ui::UiState ui_state_;        // selection, open tab, filters: UI memory between frames
    CourseTools course_{platform_share()};
    std::vector<ui::NamedRect> last_rects_;
    float display_w_ = 0.0f, display_h_ = 0.0f;
    FrameTiming timing_;
};

}  // namespace cs::app
