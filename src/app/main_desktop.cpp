// The desktop app: a GLFW window with an OpenGL 3.2 core context.
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "app/desktop_args.h"
#include "app/gui.h"
#include "app/host.h"
#include "app/image_writer.h"

namespace {

void glfw_error(int code, const char* text) { std::fprintf(stderr, "clustersim: GLFW error %d: %s\n", code, text); }

// Reads the frame just drawn (before the swap, so from the back buffer).
bool save_framebuffer(GLFWwindow* window, const std::string& path) {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window, &w, &h);
    std::vector<std::uint8_t> bottom_up(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, bottom_up.data());
    // OpenGL's rows start at the bottom; image files start at the top.
    const std::size_t row = static_cast<std::size_t>(w) * 3;
    std::vector<std::uint8_t> top_down(bottom_up.size());
    for (int y = 0; y < h; ++y)
        std::copy_n(bottom_up.data() + row * static_cast<std::size_t>(h - 1 - y), row,
                    top_down.data() + row * static_cast<std::size_t>(y));
    std::string error;
    if (!cs::app::write_image(path, w, h, top_down, error)) {
        std::fprintf(stderr, "clustersim: %s\n", error.c_str());
        return false;
    }
    std::printf("clustersim: saved %dx%d screenshot to %s\n", w, h, path.c_str());
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    cs::app::DesktopArgs args;
    std::string error;
    if (!cs::app::parse_desktop_args(argc, argv, args, error)) {
        std::fprintf(stderr, "clustersim: %s\n%s", error.c_str(), cs::app::kDesktopUsage);
        return 2;
    }
    if (args.help) {
        std::fputs(cs::app::kDesktopUsage, stdout);
        return 0;
    }

    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 2);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);  // required on macOS
    GLFWwindow* window = glfwCreateWindow(args.width, args.height, "clustersim", nullptr, nullptr);
    if (!window) {
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);

    int status = 0;
    {
        cs::app::Host host(args.start);
        for (const std::string& notice : host.notices()) std::fprintf(stderr, "clustersim: %s\n", notice.c_str());
        if (args.run_to_us > 0) host.seek(args.run_to_us);
        cs::app::Gui gui(window, "#version 150");
        gui.start_ui(args.start);  // --theme, and the start card when nothing else was asked for
        gui.course().start(host, args.start);  // --lesson NAME

        double last_s = glfwGetTime();
        for (int frame = 1; !glfwWindowShouldClose(window); ++frame) {
            glfwPollEvents();
            const double now_s = glfwGetTime();
            // Test runs use a fixed frame time so that a picture does not depend
            // on how fast the machine is (Xvfb draws hundreds of frames a second).
            host.tick(args.frames > 0 ? 1.0 / 60.0 : now_s - last_s);
            last_s = now_s;

            float scale_x = 1.0f, scale_y = 1.0f;
            glfwGetWindowContentScale(window, &scale_x, &scale_y);
            gui.frame(host, scale_x, args.start.embed);

            if (args.frames > 0 && frame >= args.frames) {
                if (!args.screenshot.empty() && !save_framebuffer(window, args.screenshot)) status = 1;
                break;
            }
            glfwSwapBuffers(window);
        }
    }
    glfwDestroyWindow(window);
    glfwTerminate();
    return status;
}
