#pragma once
// {"ok":true} or {"ok":false,"error":"..."}: what command() and load() return to JavaScript.
#include <string>

#include "sim/simulation.h"

namespace cs::app {

std::string result_json(const CommandResult& result);
std::string json_quote(const std::string& text);

}  // namespace cs::app
