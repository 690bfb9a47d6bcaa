#include <doctest/doctest.h>

#include "app/share_link.h"
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

TEST_CASE("a parameter given twice: only the last is read, and a notice says so") {
    const StartOptions o = parse_url_params("seed=5&seed=abc&servers=3&servers=4");
    // Once the later, bad seed was refused and the earlier one kept, unannounced.
    CHECK(o.config.seed == cs::Config{}.seed);
    CHECK(o.config.servers == 4);
    REQUIRE(o.notices.size() == 3);
    CHECK(o.notices[0] == "'seed' is given more than once; only the last one is read");
    CHECK(o.notices[1].rfind("seed 'abc' is not a whole number", 0) == 0);
    CHECK(o.notices[2] == "'servers' is given more than once; only the last one is read");
}

TEST_CASE("a scenario payload cut short is not loaded") {
    // "servers 4\ncrash 2": c2VydmVycyA0CmNyYXNoIDI. Cut one character short, its last
    // character carries bits no encoder leaves set (it once loaded as "servers 4\ncrash ").
    std::string out;
    CHECK_FALSE(base64_decode("c2VydmVycyA0CmNyYXNoID", out));
    CHECK_FALSE(base64_decode("c2VydmVycyA0CmNyYXNoIDJ", out));  // altered: I (001000) became J (001001)
    const StartOptions cut = parse_url_params("scenario=c2VydmVycyA0CmNyYXNoID");
    CHECK(cut.scenario.empty());
    REQUIRE(cut.notices.size() == 1);
    CHECK(cut.notices[0].find("cut short") != std::string::npos);
    // A link the page made ends with a line break; cut at a byte boundary, its last
    // line "order PRD-1 12" would still parse, as "order PRD-1 1".
    const std::string link = "# clustersim: reproduces a run (README.md, \"Teachers\")\nservers 6\nseed 1\nat 1s order PRD-1 12\n";
    const std::string whole = "?scenario=" + base64url_encode(link);
    CHECK(parse_url_params(whole).notices.empty());
    CHECK(parse_url_params(whole).scenario == link);
    const std::string cut_link = link.substr(0, link.size() - 2);  // "... order PRD-1 1"
    const StartOptions cut_page = parse_url_params("?scenario=" + base64url_encode(cut_link));
    CHECK(cut_page.scenario.empty());
    REQUIRE(cut_page.notices.size() == 1);
    CHECK(cut_page.notices[0] == "scenario parameter was cut short (the link is incomplete); ignored");
}

TEST_CASE("the page's own links start with the header the cut-short check looks for") {
    // If share_link.cpp's header changes, the check above would pass every cut link.
    std::string error;
    const std::string text = reproducing_scenario(cs::Config{}, "crash 2\n", {}, error);
    REQUIRE(error.empty());
    CHECK(text.rfind("# clustersim: reproduces a run", 0) == 0);
    CHECK(text.back() == '\n');
}

TEST_CASE("numbers in parameters are plain digits") {
    // strtod and strtoll once took these: speed=0x10 ran at 16x, servers=%205 made 5 servers.
    for (const char* query : {"speed=0x10", "speed=1e2", "speed=%205", "speed=inf", "servers=+5", "servers=%205",
                              "servers=0x4", "step=%201&lesson=bully"}) {
        INFO(query);
        const StartOptions o = parse_url_params(query);
        CHECK(o.notices.size() == 1);
        CHECK(o.speed == doctest::Approx(cs::ui::kDefaultSpeed));
        CHECK(o.config.servers == 6);
        CHECK(o.lesson_step == 0);
    }
    CHECK(parse_url_params("speed=2x").speed == doctest::Approx(2));
    CHECK(parse_url_params("speed=.5").speed == doctest::Approx(0.5));
}

TEST_CASE("notices quote what was typed as one short printable line") {
    const StartOptions o = parse_url_params("theme=%00dark%FF&view=" + std::string(5000, 'x'));
    REQUIRE(o.notices.size() == 2);
    CHECK(o.notices[0] == "theme '\\x00dark\\xFF' must be light, dark or auto");
    CHECK(o.notices[1].size() < 200);
    CHECK(o.notices[1].find(std::string(40, 'x') + "...'") != std::string::npos);
}

TEST_CASE("a link with thousands of parameters stops reading them after 64") {
    std::string query;
    for (int i = 0; i < 100000; ++i) query += "a&";
    const StartOptions o = parse_url_params(query);
    CHECK(o.notices.size() <= 65);
    CHECK(o.notices.front() == "more than 64 URL parameters; the rest are ignored");
}

TEST_CASE("the links the project ships open without notices") {
    // web/embed.html's example (the stricter checks above must not refuse it).
    const StartOptions o = parse_url_params(
        "?embed=1&seed=7&speed=0.5&view=faults&scenario=cHJvZHVjdCBHQURHRVQgc3RvY2s9MyBwcmljZT05OQpydW4gMnMKcGFydGl0aW9uIDEsMiwz"
        "IHwgNCw1LDYKcnVuIDhzCm9yZGVyIEdBREdFVCAyIHZpYSAxCm9yZGVyIEdBREdFVCAyIHZpYSA1Cg");
    CHECK(o.notices.empty());
    CHECK(o.scenario.rfind("product GADGET stock=3 price=99\n", 0) == 0);
    CHECK(o.speed == doctest::Approx(0.5));
}
