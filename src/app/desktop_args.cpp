#include "app/desktop_args.h"

#include <filesystem>
#include <fstream>
#include <string_view>
#include <utility>

#include "sim/command.h"
#include "ui/ui_state.h"

namespace cs::app {

const char* const kDesktopUsage =
    "usage: clustersim [options]\n"
    "  --seed N            seed of the simulation (default 1)\n"
    "  --servers N         number of servers, 2..64 (default 6)\n"
    "  --speed X           simulated seconds per real second, 0.001..1000 (default 0.1)\n"
    "  --scenario FILE     play a scenario file (.scn)\n"
    "  --lesson NAME       open a lesson (bully, replication, ...; README.md \"Teachers\")\n"
    "  --step K            with --lesson: open it at step K (1-based)\n"
    "  --view TAB          open a tab at start (spacetime, history, ...)\n"
    "  --embed             the compact layout used in course material\n"
    "  --theme T           light, dark or auto (auto: dark on the desktop)\n"
    "  --size WxH          window size (default 1280x720)\n"
    "  --run-to TIME       start with the simulation advanced to TIME (e.g. 5s)\n"
    "  --frames N          draw N frames of 1/60 s each, then exit (for tests)\n"
    "  --screenshot FILE   with --frames: save the last frame as .png or .ppm\n";

namespace {

bool fail(std::string& error, std::string message) {
    error = std::move(message);
    return false;
}

// The whole file. A folder opens and reads as empty (it once loaded as an empty scenario),
// and an endless file such as /dev/zero would never end: both are refused, as
// clustersim-cli run refuses them.
bool read_scenario_file(const std::string& path, std::string& text, std::string& error) {
    constexpr std::size_t kMaxBytes = 16u << 20;
    std::error_code folder_error;
    if (std::filesystem::is_directory(path, folder_error)) return fail(error, "'" + path + "' is a folder, not a scenario file");
    std::ifstream file(path, std::ios::binary);
    if (!file) return fail(error, "cannot read scenario file '" + path + "'");
    text.clear();
    char chunk[65536];
    while (file && text.size() <= kMaxBytes) {
        file.read(chunk, sizeof chunk);
        text.append(chunk, static_cast<std::size_t>(file.gcount()));
    }
    if (file.bad()) return fail(error, "cannot read scenario file '" + path + "'");
    if (text.size() > kMaxBytes) return fail(error, "scenario file '" + path + "' is larger than 16 MB: not a scenario file");
    return true;
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool parse_size(const std::string& text, int& w, int& h) {
    const auto x = text.find('x');
    long long a = 0, b = 0;
    if (x == std::string::npos || !parse_int(text.substr(0, x), 200, 16384, a) ||
        !parse_int(text.substr(x + 1), 150, 16384, b))
        return false;
    w = static_cast<int>(a);
    h = static_cast<int>(b);
    return true;
}

}  // namespace

bool parse_desktop_args(int argc, const char* const* argv, DesktopArgs& out, std::string& error) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            out.help = true;
            continue;
        }
        if (arg == "--embed") {
            out.start.embed = true;
            continue;
        }
        if (i + 1 >= argc) {
            error = arg.rfind("--", 0) == 0 ? arg + " needs a value" : "unexpected argument '" + arg + "'";
            return false;
        }
        const std::string value = argv[++i];
        long long number = 0;
        unsigned long long seed = 0;
        if (arg == "--seed") {
            if (!parse_u64(value, seed)) return fail(error, "--seed needs a whole number >= 0");
            out.start.config.seed = seed;
            out.start.seed_given = true;
        } else if (arg == "--servers") {
            if (!parse_int(value, 2, 64, number)) return fail(error, "--servers needs a number from 2 to 64");
            out.start.config.servers = static_cast<int>(number);
        } else if (arg == "--speed") {
            if (!parse_speed(value, out.start.speed)) return fail(error, "--speed needs a number from 0.001 to 1000");
        } else if (arg == "--scenario") {
            if (!read_scenario_file(value, out.start.scenario, error)) return false;
        } else if (arg == "--lesson") {
            out.start.lesson = value;  // an unknown name becomes a notice on screen, as on the page
        } else if (arg == "--step") {
            if (!parse_int(value, 1, 1000, number)) return fail(error, "--step needs a step number from 1");
            out.start.lesson_step = static_cast<int>(number - 1);
        } else if (arg == "--view") {
            ui::SideTab tab{};
            if (!ui::side_tab_from_view(value.c_str(), tab))
                return fail(error, "--view needs a tab name: spacetime, history, inspect, shop, data, balancer, metrics, faults, log or lesson");
            out.start.view = value;
        } else if (arg == "--theme") {
            if (value == "light")
                out.start.theme = ThemeChoice::Light;
            else if (value == "dark")
                out.start.theme = ThemeChoice::Dark;
            else if (value == "auto")
                out.start.theme = ThemeChoice::Auto;
            else
                return fail(error, "--theme needs light, dark or auto");
        } else if (arg == "--size") {
            if (!parse_size(value, out.width, out.height)) return fail(error, "--size needs WxH, e.g. 1280x720");
        } else if (arg == "--run-to") {
            if (!parse_duration(value, out.run_to_us) || out.run_to_us < 0)
                return fail(error, "--run-to needs a duration such as 5s or 1500ms");
        } else if (arg == "--frames") {
            if (!parse_int(value, 1, 1000000, number)) return fail(error, "--frames needs a number >= 1");
            out.frames = static_cast<int>(number);
        } else if (arg == "--screenshot") {
            if (!ends_with(value, ".png") && !ends_with(value, ".ppm"))
                return fail(error, "--screenshot needs a .png or .ppm file name");
            out.screenshot = value;
        } else {
            error = "unknown option '" + arg + "'";
            return false;
        }
    }
    if (!out.screenshot.empty() && out.frames == 0) {
        error = "--screenshot needs --frames N";
        return false;
    }
    return true;
}

}  // namespace cs::app
