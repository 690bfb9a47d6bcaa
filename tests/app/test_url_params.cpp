#include <doctest/doctest.h>

#include "app/url_params.h"

using namespace cs::app;

TEST_CASE("known parameters set the start options") {
    const StartOptions o = parse_url_params("?seed=42&servers=8&speed=0.5&embed=1");
    CHECK(o.config.seed == 42);
    CHECK(o.config.servers == 8);
    CHECK(o.speed == doctest::Approx(0.5));
    CHECK(o.embed);
    CHECK(o.notices.empty());
}

TEST_CASE("no parameters give the defaults and no notices") {
    const StartOptions o = parse_url_params("");
    CHECK(o.config.seed == cs::Config{}.seed);
    CHECK(o.config.servers == 6);
    CHECK(o.speed == doctest::Approx(cs::ui::kDefaultSpeed));
    CHECK_FALSE(o.embed);
    CHECK(o.notices.empty());
}

TEST_CASE("malformed and unknown parameters become notices, defaults stay") {
    const StartOptions o = parse_url_params("seed=-3&servers=200&speed=fast&embed=maybe&colour=red&lesson=bullying");
    CHECK(o.config.seed == cs::Config{}.seed);
    CHECK(o.config.servers == 6);
    CHECK(o.speed == doctest::Approx(cs::ui::kDefaultSpeed));
    CHECK_FALSE(o.embed);
    REQUIRE(o.notices.size() == 6);
    CHECK(o.notices[0].find("seed") != std::string::npos);
    CHECK(o.notices[4].find("colour") != std::string::npos);
    CHECK(o.notices[5].find("lesson") != std::string::npos);
    CHECK(o.lesson.empty());
}

TEST_CASE("lesson, step and t name a shipped lesson, its step and a moment") {
    const StartOptions o = parse_url_params("?lesson=cap_quorum&step=2&t=1.5s");
    CHECK(o.notices.empty());
    CHECK(o.lesson == "cap_quorum");
    CHECK(o.lesson_step == 1);
    REQUIRE(o.start_at_us);
    CHECK(*o.start_at_us == 1500000);
    const StartOptions bad = parse_url_params("?lesson=bully&step=0");
    REQUIRE(bad.notices.size() == 1);
    CHECK(bad.lesson_step == 0);
}

TEST_CASE("the scenario parameter is URL-safe base64") {
    // "servers 4\ncrash 2" in URL-safe base64 without padding.
    const StartOptions o = parse_url_params("scenario=c2VydmVycyA0CmNyYXNoIDI");
    CHECK(o.notices.empty());
    CHECK(o.scenario == "servers 4\ncrash 2");
    const StartOptions bad = parse_url_params("scenario=not*base64");
    CHECK(bad.scenario.empty());
    CHECK(bad.notices.size() == 1);
}

TEST_CASE("base64 takes both alphabets, with or without padding") {
    std::string out;
    const std::string bytes = "\xfb\xff\xbf";  // encodes to the two alphabets' differing characters
    CHECK(base64_decode("-_-_", out));
    CHECK(out == bytes);
    CHECK(base64_decode("+/+/", out));
    CHECK(out == bytes);
    CHECK(base64_decode("YQ==", out));
    CHECK(out == "a");
    CHECK(base64_decode("YQ", out));
    CHECK(out == "a");
    CHECK_FALSE(base64_decode("Y", out));
}

TEST_CASE("percent decoding") {
    CHECK(percent_decode("a%20b+c") == "a b c");
    CHECK(percent_decode("100%") == "100%");
    CHECK(percent_decode("%zz") == "%zz");
}

TEST_CASE("view names a side tab by its lower-case name") {
    CHECK(parse_url_params("view=spacetime").view == "spacetime");
    CHECK(parse_url_params("view=history").view == "history");
    CHECK(parse_url_params("view=log").view == "log");
    const StartOptions bad = parse_url_params("view=diagram");
    CHECK(bad.view.empty());
    REQUIRE(bad.notices.size() == 1);
    CHECK(bad.notices[0].find("view") != std::string::npos);
}

TEST_CASE("theme is light, dark or auto") {
    CHECK(parse_url_params("").theme == ThemeChoice::Auto);
    CHECK(parse_url_params("theme=light").theme == ThemeChoice::Light);
    CHECK(parse_url_params("theme=dark").theme == ThemeChoice::Dark);
    CHECK(parse_url_params("theme=auto").theme == ThemeChoice::Auto);
    const StartOptions bad = parse_url_params("theme=blue");
    CHECK(bad.theme == ThemeChoice::Auto);
    REQUIRE(bad.notices.size() == 1);
    CHECK(bad.notices[0].find("theme") != std::string::npos);
}
