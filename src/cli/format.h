#pragma once
// Numbers and times as the CLI prints them for people.
#include <cstdint>
#include <string>

#include "sim/time.h"

namespace cs::cli {

// "1h2m3.456s", "4m0s", "12.5s", "350ms": exact to the millisecond.
std::string human_time(TimeUs t);
// "1.23M", "456.7k", "89": three significant digits for rates and counts.
std::string si(double value);

// A whole number >= 0 written in digits only (no sign, no spaces); false otherwise.
bool parse_whole(const std::string& text, std::uint64_t& out);

}  // namespace cs::cli
