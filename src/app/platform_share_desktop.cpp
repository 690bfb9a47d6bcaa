// The desktop app: GLFW's clipboard, files in the current folder, and links to
// the page as scripts/serve.sh serves it.
#include <GLFW/glfw3.h>

#include <cstdio>
#include <filesystem>

#include "app/platform_share.h"

namespace cs::app {

SharePlatform platform_share() {
    SharePlatform p;
    p.page_address = [] { return std::string("http://127.0.0.1:8080/"); };
    p.copy_to_clipboard = [](const std::string& text) {
        GLFWwindow* window = glfwGetCurrentContext();
        if (!window) return false;
        glfwSetClipboardString(window, text.c_str());
        return true;
    };
    p.save_file = [](const std::string& file_name, const std::string&, const std::string& content) {
        std::FILE* f = std::fopen(file_name.c_str(), "wb");
        if (!f) return "could not write " + file_name;
        const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
        const bool closed = std::fclose(f) == 0;
        if (!ok || !closed) return "could not write " + file_name;
        std::error_code ec;
        const auto where = std::filesystem::absolute(file_name, ec);
        return "saved " + (ec ? file_name : where.string());
    };
    return p;
}

}  // namespace cs::app
