#include <doctest/doctest.h>

#include "app/json_result.h"

using namespace cs::app;

TEST_CASE("command results as JSON") {
    CHECK(result_json(cs::CommandResult{}) == "{\"ok\":true}");
    CHECK(result_json(cs::CommandResult{false, "bad \"x\"\n"}) == "{\"ok\":false,\"error\":\"bad \\\"x\\\"\\n\"}");
    CHECK(json_quote(std::string("a\x01") + "b") == "\"a\\u0001b\"");
}
