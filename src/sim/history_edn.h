#pragma once
// A history as Jepsen writes one (history.edn): one EDN map per line, an :invoke line
// and a completion line (:ok, :fail or :info) per operation, in time order, time in
// nanoseconds. Lets a run be read by Jepsen's own tools (Knossos, Elle's viewers).
#include <string>
#include <vector>

#include "history.h"

namespace cs {

// product_names[i] names product i ("product-i" if missing). An operation with an
// unknown outcome completes as :info at its give-up time if it has one, else at the
// end of the history.
std::string to_edn(const History& history, const std::vector<std::string>& product_names);

}  // namespace cs
