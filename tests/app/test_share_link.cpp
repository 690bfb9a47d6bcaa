// Links that reproduce a run: build -> parse -> open gives the same state at the
// same moment, to the event.
#include <doctest/doctest.h>

#include "app/course_tools.h"
#include "app/exports.h"
#include "app/host.h"
#include "app/scenario_loader.h"
#include "app/share_link.h"
#include "app/url_params.h"
#include "sim/scenario.h"

using namespace cs;
using namespace cs::app;

namespace {

// What a page that opens `query` shows once started (as main_web.cpp does it).
std::unique_ptr<Host> open_link(const std::string& query) {
    const StartOptions options = parse_url_params(query);
    INFO("notices: " << (options.notices.empty() ? "" : options.notices[0]));
    REQUIRE(options.notices.empty());
    auto host = std::make_unique<Host>(options);
    CourseTools tools;
    tools.start(*host, options);
    return host;
}

// A run with a base scenario and user commands, some at odd times, some at whole
// seconds (where they tie with the once-a-second metrics sample).
std::unique_ptr<Host> authored_run() {
    StartOptions options;
    options.scenario =
        "product GADGET stock=3 price=9.99\n"
        "product WIDGET stock=40 price=5\n"
        "quorum on\n"
        "run 2s\n"
        "order GADGET 1\n"
        "at 7.5s crash 2\n"
        "run 8s\n"
        "expect leader 6\n"
        "restart 2\n";
    auto host = std::make_unique<Host>(options);
    REQUIRE(host->notices().empty());
    host->seek(us_from_ms(1234) + 567);
    REQUIRE(host->command("crash 6").ok);
    host->seek(us_from_s(4));
    REQUIRE(host->command("order WIDGET 5 via 3").ok);
    REQUIRE(host->command("partition 1,2 | 3,4,5,6").ok);
    host->seek(us_from_ms(9876) + 5);
    REQUIRE(host->command("heal").ok);
    REQUIRE(host->command("at 15s restart 6").ok);
    host->seek(us_from_ms(12345) + 678);
    return host;
}

}  // namespace

TEST_CASE("share link: base64url round trip through the URL parser's decoder") {
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
    for (std::size_t n = 0; n <= bytes.size(); n += 37) {
        const std::string part = bytes.substr(0, n);
        const std::string encoded = base64url_encode(part);
        CHECK(encoded.find_first_of("+/=") == std::string::npos);
        std::string decoded;
        REQUIRE(base64_decode(encoded, decoded));
        CHECK(decoded == part);
    }
}

TEST_CASE("share link: moments are exact to the microsecond") {
    CHECK(seconds_text(0) == "0s");
    CHECK(seconds_text(us_from_s(3)) == "3s");
    CHECK(seconds_text(us_from_ms(250)) == "0.25s");
    CHECK(seconds_text(us_from_ms(12345) + 678) == "12.345678s");
    for (TimeUs t : {TimeUs{1}, TimeUs{999999}, us_from_ms(12345) + 678, us_from_s(3599) + 1}) {
        TimeUs back = -1;
        REQUIRE(parse_moment(seconds_text(t), back));
        CHECK(back == t);
    }
    TimeUs t = 0;
    CHECK(parse_moment("12.5", t));
    CHECK(t == us_from_ms(12500));
    CHECK(parse_moment("250ms", t));
    CHECK(t == us_from_ms(250));
    CHECK_FALSE(parse_moment("soon", t));
    CHECK_FALSE(parse_moment("", t));
}

TEST_CASE("share link: the reproducing scenario is one ordinary scenario") {
    auto host = authored_run();
    std::string error;
    const std::string text = reproducing_scenario(*host, error);
    REQUIRE_MESSAGE(!text.empty(), error);
    CHECK(text.find("product GADGET stock=3 price=9.99") != std::string::npos);
    CHECK(text.find("at 2s order GADGET 1") != std::string::npos);
    CHECK(text.find("at 7.5s crash 2") != std::string::npos);
    CHECK(text.find("at 10s restart 2") != std::string::npos);
    CHECK(text.find("expect") == std::string::npos);
    CHECK(text.find("\nrun ") == std::string::npos);
    CHECK(text.find(std::string(kJournalMarker)) != std::string::npos);
    CHECK(text.find("at 1.234567s crash 6") != std::string::npos);
    CHECK(text.find("at 15s restart 6  # issued at 9.876005s") != std::string::npos);  // keeps its own time

    Scenario parsed;
    REQUIRE_MESSAGE(parse_scenario(text, "link", parsed, error), error);  // what clustersim-cli run takes
    CHECK(load_scenario(text).sim != nullptr);                            // and what load() takes
}

TEST_CASE("share link: build -> parse -> open shows the same state at the same moment") {
    auto author = authored_run();
    std::string error;
    const LinkState state = link_state(*author, error);
    REQUIRE_MESSAGE(!state.scenario.empty(), error);
    const std::string query = link_query(state);
    CHECK(query.rfind("?seed=1&speed=0.1&t=12.345678s&scenario=", 0) == 0);

    auto reader = open_link(query);
    CHECK(reader->playback().paused);
    CHECK(reader->sim().now_us() == author->sim().now_us());
    CHECK(reader->sim().state_json() == author->sim().state_json());
    CHECK(reader->sim().trace_hash() == author->sim().trace_hash());  // every event, in the same order

    // The rest of the timeline is there too: both go on to the same future.
    author->seek(us_from_s(30));
    reader->seek(us_from_s(30));
    CHECK(reader->sim().trace_hash() == author->sim().trace_hash());

    // And a link made from the reader's page is the same link again.
    reader->seek(state.t_us);
    CHECK(link_query(link_state(*reader, error)) == query);
}

TEST_CASE("share link: a run without a scenario, with a URL seed and server count") {
    StartOptions options = parse_url_params("?seed=77&servers=4");
    Host author(options);
    author.seek(us_from_s(3));  // a whole second: ties with timers due then
    REQUIRE(author.command("crash 4").ok);
    author.seek(us_from_s(9));
    std::string error;
    const std::string query = link_query(link_state(author, error));
    auto reader = open_link(query);
    CHECK(reader->sim().server_count() == 4);
    CHECK(reader->seed() == 77);
    CHECK(reader->sim().trace_hash() == author.sim().trace_hash());
}

TEST_CASE("share link: bad journals and moments become notices, the page still starts") {
    const std::string bad_journal = "crash 3\n" + std::string(kJournalMarker) + "\ncrash 4\n";
    StartOptions o = parse_url_params("?scenario=" + base64url_encode(bad_journal) + "&t=later");
    REQUIRE(o.notices.size() == 2);
    CHECK(o.notices[0].find("at TIME COMMAND") != std::string::npos);
    CHECK(o.notices[1].find("t 'later'") != std::string::npos);
    CHECK(o.scenario.empty());
    CHECK_FALSE(o.start_at_us);

    o = parse_url_params("?t=2h");
    REQUIRE(o.notices.size() == 1);  // beyond an hour: opening it would freeze the page
}

TEST_CASE("share link: lesson links, and a step without a lesson") {
    CHECK(lesson_query("bully", 0) == "?lesson=bully");
    CHECK(lesson_query("bully", 2) == "?lesson=bully&step=3");
    StartOptions o = parse_url_params("?lesson=bully&step=3");
    CHECK(o.notices.empty());
    CHECK(o.lesson == "bully");
    CHECK(o.lesson_step == 2);
    o = parse_url_params("?step=2");
    REQUIRE(o.notices.size() == 1);
    CHECK(o.notices[0].find("lesson=NAME") != std::string::npos);
    o = parse_url_params("?lesson=nope");
    REQUIRE(o.notices.size() == 1);
    CHECK(o.notices[0].find("not found (the Lesson tab lists them)") != std::string::npos);
}

TEST_CASE("share link: a pasted shared scenario replays like its link") {
    auto author = authored_run();
    std::string error;
    const std::string text = reproducing_scenario(*author, error);
    Host other{StartOptions{}};
    CourseTools tools;
    REQUIRE_MESSAGE(tools.load_text(other, text, error), error);
    other.seek(author->sim().now_us());
    CHECK(other.sim().trace_hash() == author->sim().trace_hash());
}

TEST_CASE("exports: the trace re-simulates the run up to now; metrics are per server per second") {
    auto author = authored_run();
    const TraceExport trace = export_trace(*author);
    REQUIRE(trace.error.empty());
    CHECK_FALSE(trace.truncated);
    CHECK(trace.lines > 100);
    CHECK(trace.text.rfind("{\"t_us\":", 0) == 0);
    // Every event the author's run processed up to now is in it.
    std::size_t timers_and_deliveries = 0;
    for (std::size_t at = 0; (at = trace.text.find("\"kind\":\"", at)) != std::string::npos; at += 8)
        if (trace.text.compare(at + 8, 6, "timer\"") == 0 || trace.text.compare(at + 8, 8, "deliver\"") == 0)
            ++timers_and_deliveries;
    CHECK(timers_and_deliveries > 0);

    const TraceExport small = export_trace(*author, 2000);
    CHECK(small.truncated);
    CHECK(small.text.size() < 2300);
    CHECK(small.text.find("\"kind\":\"truncated\"") != std::string::npos);

    const std::string csv = export_metrics_csv(author->sim());
    CHECK(csv.rfind("time_s,server,cpu_percent,queue,response_ms,throughput_rps,memory_mb\n", 0) == 0);
    CHECK(csv.find("\n12,6,") != std::string::npos);  // the newest sample, at 12 s, for every server
    CHECK(csv.find("\n1,1,") != std::string::npos);   // the first, at 1 s
    std::size_t rows = 0;
    for (char c : csv) rows += c == '\n';
    CHECK(rows == 1 + 12 * 6);
}

TEST_CASE("share link: a journal reaching beyond an hour stops there with a notice") {
    const std::string text = "servers 3\n" + std::string(kJournalMarker) + "\nat 1s crash 1\nat 5000s crash 2\n";
    auto host = open_link("?scenario=" + base64url_encode(text));  // no notices while parsing the URL
    CHECK(host->sim().now_us() == us_from_s(1));
    CHECK_FALSE(host->sim().server(1).alive);
    CHECK(host->sim().server(2).alive);
    REQUIRE(host->notices().size() == 1);
    CHECK(host->notices()[0].find("not replayed") != std::string::npos);
}
