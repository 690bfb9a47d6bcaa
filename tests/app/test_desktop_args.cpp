#include <doctest/doctest.h>

#include <vector>

#include "app/desktop_args.h"

using namespace cs::app;

namespace {
bool parse(std::vector<const char*> args, DesktopArgs& out, std::string& error) {
    args.insert(args.begin(), "clustersim");
    return parse_desktop_args(static_cast<int>(args.size()), args.data(), out, error);
}
}  // namespace

TEST_CASE("desktop arguments") {
    DesktopArgs a;
    std::string error;
    REQUIRE(parse({"--seed", "9", "--servers", "5", "--frames", "120", "--screenshot", "x.png", "--run-to", "2.5s"}, a,
                  error));
    CHECK(a.start.config.seed == 9);
    CHECK(a.start.config.servers == 5);
    CHECK(a.frames == 120);
    CHECK(a.screenshot == "x.png");
    CHECK(a.run_to_us == 2'500'000);
}

TEST_CASE("bad desktop arguments are refused with a reason") {
    DesktopArgs a;
    std::string error;
    CHECK_FALSE(parse({"--servers", "1"}, a, error));
    CHECK(error.find("--servers") != std::string::npos);
    CHECK_FALSE(parse({"--frames"}, a, error));
    CHECK_FALSE(parse({"--screenshot", "x.png"}, a, error));  // needs --frames
    CHECK_FALSE(parse({"--frames", "3", "--screenshot", "x.jpg"}, a, error));
    CHECK_FALSE(parse({"--wat"}, a, error));
    CHECK_FALSE(parse({"--scenario", "/nonexistent/file.scn"}, a, error));
    // A folder opens but cannot be read: once it loaded as an empty scenario.
    error.clear();
    CHECK_FALSE(parse({"--scenario", "/tmp"}, a, error));
    CHECK(error.find("is a folder") != std::string::npos);
}

TEST_CASE("--theme picks the palette") {
    DesktopArgs a;
    std::string error;
    REQUIRE(parse({"--theme", "light"}, a, error));
    CHECK(a.start.theme == ThemeChoice::Light);
    DesktopArgs b;
    CHECK_FALSE(parse({"--theme", "sepia"}, b, error));
    CHECK(error.find("--theme") != std::string::npos);
}
