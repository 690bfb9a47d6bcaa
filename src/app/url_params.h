#pragma once
// The page's URL parameters (docs/ARCHITECTURE.md, README.md "Teachers"): seed,
// servers, speed, scenario (URL-safe base64 of a scenario text; a shared link's
// marker splits it into base and journal, see share_link.h), t (the moment to
// open at, paused), embed=1, lesson=NAME, step=K, view=TAB,
// theme=light|dark|auto. Anything unknown or malformed
// becomes a notice on the page; the page still starts. A parameter given twice
// is read once (the last) with a notice; a scenario payload that was cut short
// is not loaded; past 64 parameters the rest are ignored.
#include <string>
#include <string_view>

#include "app/options.h"

namespace cs::app {

// `query` is location.search, with or without the leading '?'.
StartOptions parse_url_params(std::string_view query);

// Helpers, exposed for the tests.
std::string percent_decode(std::string_view text);
// URL-safe (-_) or standard (+/) alphabet, padding optional. False on bad input.
bool base64_decode(std::string_view text, std::string& out);

}  // namespace cs::app
