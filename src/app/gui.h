#pragma once
// Dear ImGui on GLFW + OpenGL 3 / WebGL 2: the part of a frame that both the
// desktop and the web main share. The platform mains own the window and the
// loop; this owns the ImGui context, the fonts at the right pixel size and
// the hand-off between the UI and the Host.
struct GLFWwindow;

namespace cs::app {

class Host;

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

private:
    void set_scale(float content_scale);

    GLFWwindow* window_;
    float content_scale_ = 0.0f;  // what the fonts were built for
    float ui_scale_ = 1.0f;       // ImGui units per design pixel
};

}  // namespace cs::app
