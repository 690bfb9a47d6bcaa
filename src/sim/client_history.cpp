#include "client_history.h"

#include <algorithm>

namespace cs {

void ClientHistory::reset(const std::vector<std::int64_t>& initial_stock, std::vector<std::string> product_names) {
    *this = ClientHistory();
    initial_stock_ = initial_stock;
    product_names_ = std::move(product_names);
    tracks_.resize(initial_stock.size());
    for (std::size_t p = 0; p < tracks_.size(); ++p) tracks_[p].stock_at_cut = initial_stock[p];
}

std::size_t ClientHistory::invoke(std::uint64_t id, OpKind kind, std::int32_t product, std::int64_t quantity,
                                  TimeUs now_us) {
    if (product < 0 || static_cast<std::size_t>(product) >= tracks_.size()) return kNone;
    if (ops_.size() >= kMaxOps) {
        truncated_ = true;
        return kNone;
    }
    // The lowest free process: like Jepsen's, each runs one operation at a time, and one
    // whose operation ended unknown is never free again.
    const auto free = std::find(process_busy_.begin(), process_busy_.end(), false);
    const int process = static_cast<int>(free - process_busy_.begin());
    if (free == process_busy_.end()) process_busy_.push_back(true);
    else *free = true;

    Operation op;
    op.id = id;
    op.process = process;
    op.kind = kind;
    op.product = product;
    op.quantity = quantity;
    op.outcome = Outcome::Unknown;
    op.invoke_us = now_us;
    ops_.push_back(op);
    op_open_.push_back(true);
    tracks_[static_cast<std::size_t>(product)].ops.push_back(ops_.size() - 1);
    return ops_.size() - 1;
}

void ClientHistory::complete(std::size_t index, Outcome outcome, FailKind fail_kind, std::int64_t value, TimeUs now_us) {
    if (index >= ops_.size() || !op_open_[index]) return;
    Operation& op = ops_.mut(index);
    op_open_[index] = false;
    op.outcome = outcome;
    op.fail_kind = fail_kind;
    op.value = value;
    op.complete_us = now_us;
    if (outcome != Outcome::Unknown) process_busy_[static_cast<std::size_t>(op.process)] = false;
    tracks_[static_cast<std::size_t>(op.product)].news = true;
}

History ClientHistory::history() const {
    History h;
    h.initial_stock = initial_stock_;
    h.ops = ops_.to_vector();
    return h;
}

// Moves the cut to the latest quiescent point: every operation before it completed with
// a known outcome, no later than the next one was invoked.
void ClientHistory::advance_cut(ProductTrack& track) {
    TimeUs latest_completion = -1;
    std::int64_t taken = 0, taken_at_best = 0;
    std::size_t best = track.cut;
    for (std::size_t k = track.cut; k < track.ops.size(); ++k) {
        const std::size_t i = track.ops[k];
        const Operation& op = ops_[i];
        if (op_open_[i] || op.outcome == Outcome::Unknown) break;
        latest_completion = std::max(latest_completion, op.complete_us);
        if (op.kind == OpKind::Order && op.outcome == Outcome::Ok) taken += op.quantity;
        const bool last = k + 1 == track.ops.size();
        if (last || latest_completion <= ops_[track.ops[k + 1]].invoke_us) {
            best = k + 1;
            taken_at_best = taken;
        }
    }
    track.cut = best;
    track.stock_at_cut -= taken_at_best;
}

// Checks one product's operations from its `from`-th on, starting from `stock`. Reads are
// left out when they are not judged; operations in flight may take effect later or not.
LinearizabilityResult ClientHistory::check_from(const ProductTrack& track, std::int32_t product, std::size_t from,
                                                std::int64_t stock) const {
    History h;
    h.initial_stock.assign(tracks_.size(), 0);
    h.initial_stock[static_cast<std::size_t>(product)] = stock;
    h.ops.reserve(track.ops.size() - from);
    for (std::size_t k = from; k < track.ops.size(); ++k) {
        const std::size_t i = track.ops[k];
        if (!check_reads_ && ops_[i].kind == OpKind::Read) continue;
        Operation op = ops_[i];
        if (op_open_[i]) op.complete_us = -1;
        h.ops.push_back(op);
    }
    return check_linearizable(h, kBudgetSteps, product_names_);
}

std::vector<LinearizabilityResult> ClientHistory::check_new() {
    std::vector<LinearizabilityResult> found;
    for (std::size_t p = 0; p < tracks_.size(); ++p) {
        ProductTrack& track = tracks_[p];
        if (!track.news || track.violated || track.inconclusive) continue;
        // A window that cannot be cut (an unknown outcome stays open for ever) is checked
        // again only once it has grown by a quarter, so the total work stays near linear.
        const std::size_t window = track.ops.size() - track.cut;
        if (window > 256 && window < track.checked_size + track.checked_size / 4) continue;
        track.checked_size = window;
        track.news = false;
        LinearizabilityResult r = check_from(track, static_cast<std::int32_t>(p), track.cut, track.stock_at_cut);
        if (r.verdict == Verdict::Linearizable) advance_cut(track);
        if (r.verdict == Verdict::Unknown) track.inconclusive = inconclusive_ = true;
        if (r.verdict != Verdict::NotLinearizable) continue;
        // The window starts from the stock its settled prefix left; the witness reads
        // better with that prefix in view ("the orders acknowledged earlier left N"), so
        // the product's whole history is checked once more to shrink the witness from.
        if (track.cut > 0) {
            LinearizabilityResult whole = check_from(track, static_cast<std::int32_t>(p), 0, initial_stock_[p]);
            if (whole.verdict == Verdict::NotLinearizable) r = std::move(whole);
        }
        track.violated = true;
        if (!violated_) {
            violated_ = true;
            first_violation_ = r;
        }
        found.push_back(std::move(r));
    }
    return found;
}

LinearizabilityResult ClientHistory::verdict() const {
    if (violated_) return first_violation_;
    bool inconclusive = inconclusive_;
    for (std::size_t p = 0; p < tracks_.size(); ++p) {
        const ProductTrack& track = tracks_[p];
        if (track.cut == track.ops.size() || track.inconclusive || !track.news) continue;
        LinearizabilityResult r = check_from(track, static_cast<std::int32_t>(p), track.cut, track.stock_at_cut);
        if (r.verdict == Verdict::NotLinearizable) return r;
        if (r.verdict == Verdict::Unknown) inconclusive = true;
    }
    LinearizabilityResult r;
    if (inconclusive || truncated_) {
        r.verdict = Verdict::Unknown;
        r.reason = truncated_ ? "the history outgrew what is recorded, so only its start was checked"
                              : "the search ran out of its step budget";
    }
    return r;
}

}  // namespace cs
