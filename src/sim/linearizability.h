#pragma once
// Is a shop history linearizable? That is: can every operation be given one instant
// between its invocation and its completion, so that played in that order on a
// single stock counter per product, every acknowledged order finds enough stock,
// every out-of-stock refusal finds too little and every read returns the stock of
// that instant? Operations with an unknown outcome may take effect at any instant
// after their invocation, or never.
//
// The search is Wing & Gong's, with Lowe's memoisation of (operations already
// placed, stock) so that no state is explored twice, and it checks each product on
// its own: operations on different products never constrain each other, so the
// history is linearizable exactly when each product's part is (P-compositionality).
// A budget of search steps bounds the work: a pathological history gives Unknown
// instead of hanging.
#include <cstdint>
#include <string>
#include <vector>

#include "history.h"

namespace cs {

enum class Verdict { Linearizable, NotLinearizable, Unknown };

const char* verdict_name(Verdict v);  // "linearizable", "not linearizable", "unknown"

struct ProductLinearization {
    std::int32_t product = 0;
    // Op ids in the order they took effect. Unknown-outcome orders that never took
    // effect, orders that failed for reasons other than stock, and reads with no
    // answer are not listed: they are outside the model.
    std::vector<std::uint64_t> order;
};

struct LinearizabilityResult {
    Verdict verdict = Verdict::Linearizable;
    // Linearizable: one linearization per product that has operations in the model.
    std::vector<ProductLinearization> linearizations;
    // NotLinearizable: the product and a witness, a few of its operations that cannot
    // be put in any order. It is shrunk greedily: leaving any one of them free to have
    // happened or not makes the rest fit (witness_minimal: shrinking finished within
    // budget). Orders acknowledged before every witness operation began count into
    // the stock it starts from (the reason says so), so a stale read in a long history
    // shrinks to a few operations, not to everything before it.
    // Unknown: the product whose search ran out of budget.
    std::int32_t product = -1;
    std::vector<Operation> witness;
    bool witness_minimal = false;
    std::string reason;  // one plain-English sentence (NotLinearizable and Unknown)
    std::uint64_t steps = 0;  // search steps spent, shrinking included
};

// budget_steps bounds each product's search, and separately the shrinking of a
// witness. product_names[i] names product i in the reason ("product 3" if missing).
LinearizabilityResult check_linearizable(const History& history, std::uint64_t budget_steps,
                                         const std::vector<std::string>& product_names = {});

}  // namespace cs
