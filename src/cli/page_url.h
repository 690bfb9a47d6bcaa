#pragma once
// The page URL that opens a scenario (docs/ARCHITECTURE.md, "URL parameters"):
// ?seed=S&scenario=<URL-safe base64 of the scenario text>.
#include <cstdint>
#include <string>
#include <string_view>

namespace cs::cli {

// Where scripts/serve.sh serves the page.
constexpr const char* kPageBase = "http://127.0.0.1:8080/";

// RFC 4648 section 5 alphabet (-_), no padding: nothing in it needs escaping in a query.
std::string base64url_encode(std::string_view bytes);

std::string page_url(std::uint64_t seed, std::string_view scenario_text);

}  // namespace cs::cli
