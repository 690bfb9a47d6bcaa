#pragma once
// What sharing needs from the platform: the page's address, the clipboard and a
// way to hand the user a file. One implementation per platform, chosen by CMake
// (platform_share_web.cpp, platform_share_desktop.cpp); tests pass their own.
#include <functional>
#include <string>

namespace cs::app {

struct SharePlatform {
    // Where links point: the page's address without its query.
    std::function<std::string()> page_address;
    // True if the text is (or is being) put on the system clipboard.
    std::function<bool(const std::string& text)> copy_to_clipboard;
    // A download on the page, a file in the current folder on the desktop. Returns what
    // happened, in words, for the status line.
    std::function<std::string(const std::string& file_name, const std::string& mime, const std::string& content)>
        save_file;
};

// This platform's implementation.
SharePlatform platform_share();

}  // namespace cs::app
