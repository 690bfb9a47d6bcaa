#pragma once
// The client history: every order and read the clients issued, with its invocation,
// its completion and its outcome (ok, fail, unknown), as Jepsen records them. It is
// what the clients were told, so it is what a protocol is judged by.
//
// It is checked for linearizability as the run goes, cheaply: for each product the
// history is cut at quiescent points, moments when every earlier operation of that
// product had completed with a known outcome. Everything before a cut is settled (a
// linearizable prefix whose final stock is fixed, since every order in it is known to
// have been applied or not), so each check covers only the operations since the last
// cut, starting from that stock. Any order of the prefix before any order of the rest is
// a valid linearization, so checking the pieces is as strong as checking the whole.
#include <cstdint>
#include <string>
#include <vector>

#include "history.h"
#include "linearizability.h"
#include "shared_chunks.h"

namespace cs {

class ClientHistory {
public:
    // Beyond this many operations the history stops recording (an hour of heavy load is
    // about 36,000); the verdict then covers what was recorded and says so.
    static constexpr std::size_t kMaxOps = 250000;
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    // Search steps one check may spend per product before it answers "unknown". Many
    // unknown outcomes make the search exponential (each may or may not have happened);
    // a product whose check ran out is not checked again, and the verdict says unknown.
    static constexpr std::uint64_t kBudgetSteps = 200000;

    void reset(const std::vector<std::int64_t>& initial_stock, std::vector<std::string> product_names);

    // An operation starts: returns its index, or kNone when not recorded (full, or a
    // product the catalogue does not have: such an order is refused as invalid and says
    // nothing about stock).
    std::size_t invoke(std::uint64_t id, OpKind kind, std::int32_t product, std::int64_t quantity, TimeUs now_us);
    // It ends. value: the stock a read returned.
    void complete(std::size_t index, Outcome outcome, FailKind fail_kind, std::int64_t value, TimeUs now_us);

    // Checks the products with news since the last call. Returns the violations found
    // now (verdict NotLinearizable), each product at most once in a run.
    std::vector<LinearizabilityResult> check_new();
    // The verdict on everything so far: the checks so far, plus a check of each
    // product's operations since its last cut. It changes nothing, so asking for it
    // (the state JSON, an expect line) never changes what the run later reports.
    LinearizabilityResult verdict() const;

    // Off: reads stay in the history (and its export) but the check judges orders only.
    void set_check_reads(bool on) { check_reads_ = on; }

    // Shared between copies of the Simulation until written (shared_chunks.h).
    const SharedChunks<Operation>& ops() const { return ops_; }
    bool truncated() const { return truncated_; }
    // The whole history as the checker and the EDN export take it; operations still
    // in flight appear open (no completion), like unknown ones.
    History history() const;
    const std::vector<std::string>& product_names() const { return product_names_; }

private:
    struct ProductTrack {
        SharedChunks<std::size_t> ops;  // indices into ops_, in invocation order
        std::size_t cut = 0;           // ops[0..cut) are settled
        std::int64_t stock_at_cut = 0;
        std::size_t checked_size = 0;  // the window's size at the last check
        bool news = false;             // an operation completed since the last check
        bool violated = false;         // reported: not checked again
        bool inconclusive = false;     // a check ran out of budget: not checked again
    };
    LinearizabilityResult check_from(const ProductTrack& track, std::int32_t product, std::size_t from,
                                     std::int64_t stock) const;
    void advance_cut(ProductTrack& track);

    SharedChunks<Operation> ops_;
    std::vector<ProductTrack> tracks_;
    std::vector<std::int64_t> initial_stock_;
    std::vector<std::string> product_names_;
    std::vector<bool> process_busy_;   // Jepsen processes: one operation at a time each
    std::vector<bool> op_open_;        // still in flight (no answer yet)
    bool truncated_ = false;
    bool check_reads_ = true;
    LinearizabilityResult first_violation_;
    bool violated_ = false;
    bool inconclusive_ = false;
};

}  // namespace cs
