#include "linearizability.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <unordered_map>

namespace cs {

const char* verdict_name(Verdict v) {
    switch (v) {
        case Verdict::Linearizable: return "linearizable";
        case Verdict::NotLinearizable: return "not linearizable";
        case Verdict::Unknown: return "unknown";
    }
    return "unknown";
}

namespace {

constexpr TimeUs kNever = std::numeric_limits<TimeUs>::max();

// ---- the model: one stock counter ----

// What an operation does to the stock, once placed in the order.
enum class Role { Take, Refusal, Read };

struct ModelOp {
    std::size_t source = 0;  // index into History::ops
    Role role = Role::Take;
    std::int64_t amount = 0;  // Take/Refusal: quantity; Read: the value returned
    TimeUs call_us = 0;
    TimeUs return_us = kNever;  // kNever: no completion known
    bool optional = false;      // may take effect, or never (unknown outcome)
};

// The stock after op, or nothing if op cannot take effect at this stock.
std::optional<std::int64_t> apply(const ModelOp& op, std::int64_t stock) {
    switch (op.role) {
        case Role::Take: return stock >= op.amount ? std::optional(stock - op.amount) : std::nullopt;
        case Role::Refusal: return stock < op.amount ? std::optional(stock) : std::nullopt;
        case Role::Read: return stock == op.amount ? std::optional(stock) : std::nullopt;
    }
    return std::nullopt;
}

// The operation's place in the model, or nothing if it says nothing about stock:
// orders that failed for other reasons than stock, and reads nobody heard back from.
std::optional<ModelOp> to_model(const Operation& op, std::size_t index) {
    ModelOp m;
    m.source = index;
    m.call_us = op.invoke_us;
    m.return_us = op.complete_us < 0 ? kNever : std::max(op.complete_us, op.invoke_us);
    if (op.kind == OpKind::Read) {
        if (op.outcome != Outcome::Ok) return std::nullopt;
        m.role = Role::Read;
        m.amount = op.value;
        return m;
    }
    m.amount = op.quantity;
    switch (op.outcome) {
        case Outcome::Ok: m.role = Role::Take; return m;
        case Outcome::Unknown:
            m.role = Role::Take;
            m.optional = true;
            m.return_us = kNever;
            return m;
        case Outcome::Fail:
            if (op.fail_kind != FailKind::OutOfStock) return std::nullopt;
            m.role = Role::Refusal;
            return m;
    }
    return std::nullopt;
}

// ---- the search: Wing & Gong, with Lowe's memo and just-in-time linearization ----

struct SearchResult {
    Verdict verdict = Verdict::Linearizable;
    std::vector<std::size_t> order;  // indices into the ops searched, in linearization order
    std::uint64_t steps = 0;
};

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser: a fixed random key per op
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// The (placed ops, stock) pairs already explored. A pair seen before either failed
// or is on the current path, so reaching it again can never lead anywhere new.
class Memo {
public:
    // Records the pair; false if it was already there.
    bool insert(const std::vector<std::uint64_t>& placed, std::uint64_t placed_hash, std::int64_t stock) {
        const std::uint64_t key = placed_hash ^ mix(static_cast<std::uint64_t>(stock) ^ 0x5A5A5A5A5A5A5A5AULL);
        auto [first, last] = index_.equal_range(key);
        for (auto it = first; it != last; ++it) {
            const std::uint64_t* stored = &arena_[it->second];
            if (static_cast<std::int64_t>(stored[0]) == stock && std::equal(placed.begin(), placed.end(), stored + 1))
                return false;
        }
        index_.emplace(key, arena_.size());
        arena_.push_back(static_cast<std::uint64_t>(stock));
        arena_.insert(arena_.end(), placed.begin(), placed.end());
        return true;
    }

private:
    std::vector<std::uint64_t> arena_;  // stock, then the bitset, per pair
    std::unordered_multimap<std::uint64_t, std::size_t> index_;
};

// Calls and returns in time order, in a doubly linked list from which a placed
// operation is lifted (its call and its return) and put back on backtracking.
class EntryList {
public:
    explicit EntryList(const std::vector<ModelOp>& ops) {
        struct Sortable { TimeUs time; int rank; std::size_t op; bool call; };
        std::vector<Sortable> all;
        for (std::size_t i = 0; i < ops.size(); ++i) {
            const ModelOp& o = ops[i];
            const bool instant = o.return_us == o.call_us;
            // At one instant, completions come before invocations (an answer received
            // at t happened before a request sent at t), but an instantaneous op's own
            // call comes just before its own return.
            all.push_back({o.call_us, instant ? 1 : 3, i, true});
            if (!o.optional) all.push_back({o.return_us, instant ? 2 : 0, i, false});
        }
        std::stable_sort(all.begin(), all.end(), [](const Sortable& a, const Sortable& b) {
            return a.time != b.time ? a.time < b.time : a.rank < b.rank;
        });
        const std::size_t n = all.size();
        op_.assign(n + 2, 0);
        is_call_.assign(n + 2, false);
        match_.assign(n + 2, kNone);
        next_.assign(n + 2, 0);
        prev_.assign(n + 2, 0);
        std::vector<std::size_t> call_of(ops.size(), kNone);
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t e = k + 1;
            op_[e] = all[k].op;
            is_call_[e] = all[k].call;
            if (all[k].call) call_of[all[k].op] = e;
            else match_[call_of[all[k].op]] = e;
        }
        for (std::size_t e = 0; e <= n; ++e) { next_[e] = e + 1; prev_[e + 1] = e; }
        end_ = n + 1;
    }
    static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    std::size_t first() const { return next_[0]; }
    std::size_t next(std::size_t e) const { return next_[e]; }
    bool at_end(std::size_t e) const { return e == end_; }
    bool is_call(std::size_t e) const { return is_call_[e]; }
    std::size_t op(std::size_t e) const { return op_[e]; }
    void lift(std::size_t call) {
        unlink(call);
        if (match_[call] != kNone) unlink(match_[call]);
    }
    void unlift(std::size_t call) {  // exactly the reverse of lift
        if (match_[call] != kNone) relink(match_[call]);
        relink(call);
    }

private:
    void unlink(std::size_t e) { next_[prev_[e]] = next_[e]; prev_[next_[e]] = prev_[e]; }
    void relink(std::size_t e) { next_[prev_[e]] = e; prev_[next_[e]] = e; }
    std::vector<std::size_t> op_, match_, next_, prev_;
    std::vector<bool> is_call_;
    std::size_t end_ = 1;
};

SearchResult search(const std::vector<ModelOp>& ops, std::int64_t initial_stock, std::uint64_t budget) {
    SearchResult result;
    EntryList list(ops);
    const std::size_t words = (ops.size() + 63) / 64;
    std::vector<std::uint64_t> placed(words, 0);
    std::uint64_t placed_hash = 0;
    Memo memo;
    std::size_t required_left = 0;
    for (const ModelOp& o : ops) required_left += o.optional ? 0 : 1;
    struct Frame { std::size_t call; std::int64_t stock_before; };
    std::vector<Frame> path;
    std::int64_t stock = initial_stock;
    std::size_t e = list.first();
    auto flip = [&](std::size_t i) {
        placed[i / 64] ^= std::uint64_t{1} << (i % 64);
        placed_hash ^= mix(i);
    };
    while (required_left > 0) {
        if (result.steps++ >= budget) {
            result.verdict = Verdict::Unknown;
            return result;
        }
        if (!list.at_end(e) && list.is_call(e)) {
            const std::size_t i = list.op(e);
            if (const auto after = apply(ops[i], stock)) {
                flip(i);
                if (memo.insert(placed, placed_hash, *after)) {
                    path.push_back({e, stock});
                    stock = *after;
                    if (!ops[i].optional) --required_left;
                    list.lift(e);
                    e = list.first();
                    continue;
                }
                flip(i);
            }
            e = list.next(e);
            continue;
        }
        // An op whose return comes next was not placed yet: nothing before it can be
        // the next step. Undo the last placement and try the call after it.
        if (path.empty()) {
            result.verdict = Verdict::NotLinearizable;
            return result;
        }
        const Frame top = path.back();
        path.pop_back();
        const std::size_t i = list.op(top.call);
        flip(i);
        stock = top.stock_before;
        if (!ops[i].optional) ++required_left;
        list.unlift(top.call);
        e = list.next(top.call);
    }
    for (const Frame& f : path) result.order.push_back(list.op(f.call));
    return result;
}

// ---- shrinking a failing product to a witness ----

// A candidate witness keeps some of the product's definite ops (kept) and relaxes
// the rest so that it stays true of the whole history: dropped reads and refusals
// are left out; a dropped acknowledged order that completed before every kept op
// began is folded into the starting stock; one invoked after every kept op completed
// is left out; any other order is made optional. A candidate that still cannot be
// ordered therefore shows a real violation, not one made by leaving orders out.
struct Candidate {
    std::vector<ModelOp> ops;
    std::vector<bool> in_witness;  // per ops entry
    std::int64_t start_stock = 0;
    int folded = 0;
};

constexpr std::size_t kNoOp = std::numeric_limits<std::size_t>::max();

// `unfold` names one order that is made optional even if it could be folded.
Candidate make_candidate(const std::vector<ModelOp>& all, const std::vector<bool>& kept, std::int64_t initial,
                         std::size_t unfold = kNoOp) {
    Candidate c;
    c.start_stock = initial;
    TimeUs first_call = kNever, last_return = std::numeric_limits<TimeUs>::min();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (!kept[i]) continue;
        first_call = std::min(first_call, all[i].call_us);
        last_return = std::max(last_return, all[i].return_us);
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
        ModelOp o = all[i];
        if (kept[i]) {
            c.ops.push_back(o);
            c.in_witness.push_back(true);
            continue;
        }
        if (o.role != Role::Take || o.call_us > last_return) continue;
        if (!o.optional && o.return_us < first_call && i != unfold) {
            c.start_stock -= o.amount;
            ++c.folded;
            continue;
        }
        o.optional = true;
        c.ops.push_back(o);
        c.in_witness.push_back(false);
    }
    return c;
}

struct Shrinker {
    const std::vector<ModelOp>& all;
    std::int64_t initial;
    std::uint64_t allowance;
    std::uint64_t spent = 0;
    bool inconclusive = false;  // some check ran out of budget

    bool fails(const std::vector<bool>& kept, std::size_t unfold = kNoOp) {
        if (allowance == 0) {
            inconclusive = true;
            return false;
        }
        const Candidate c = make_candidate(all, kept, initial, unfold);
        const SearchResult r = search(c.ops, c.start_stock, allowance);
        spent += r.steps;
        allowance -= std::min(allowance, r.steps);
        if (r.verdict == Verdict::Unknown) inconclusive = true;
        return r.verdict == Verdict::NotLinearizable;
    }

    // The definite ops of `kept` that pass keep(op, cut).
    template <class Keep>
    std::vector<bool> keep_only(const std::vector<bool>& kept, TimeUs cut, Keep keep) const {
        std::vector<bool> trial = kept;
        for (std::size_t i = 0; i < all.size(); ++i) trial[i] = kept[i] && keep(all[i], cut);
        return trial;
    }

    static std::vector<TimeUs> sorted_returns(const std::vector<ModelOp>& ops, const std::vector<bool>& kept) {
        std::vector<TimeUs> times;
        for (std::size_t i = 0; i < ops.size(); ++i)
            if (kept[i]) times.push_back(ops[i].return_us);
        std::sort(times.begin(), times.end());
        times.erase(std::unique(times.begin(), times.end()), times.end());
        return times;
    }

    std::vector<bool> shrink() {
        std::vector<bool> kept(all.size());
        for (std::size_t i = 0; i < all.size(); ++i) kept[i] = !all[i].optional;
        // Binary searches over cut times; "fails" is monotone in the cut for all but
        // odd histories, and every cut kept has been checked to fail.
        // 1. The shortest failing prefix: the ops completed by some time.
        auto completed_by = [](const ModelOp& o, TimeUs t) { return o.return_us <= t; };
        std::vector<TimeUs> times = sorted_returns(all, kept);
        if (!times.empty()) {
            std::size_t lo = 0, hi = times.size() - 1;  // the whole history (hi) fails
            while (lo < hi) {
                const std::size_t mid = (lo + hi) / 2;
                if (fails(keep_only(kept, times[mid], completed_by))) hi = mid;
                else lo = mid + 1;
            }
            kept = keep_only(kept, times[hi], completed_by);
        }
        // 2. The latest start: leave out the ops that completed before some time.
        auto completed_from = [](const ModelOp& o, TimeUs t) { return o.return_us >= t; };
        times = sorted_returns(all, kept);
        if (!times.empty()) {
            std::size_t lo = 0, hi = times.size() - 1;  // cutting nothing (lo) fails
            while (lo < hi) {
                const std::size_t mid = (lo + hi + 1) / 2;
                if (fails(keep_only(kept, times[mid], completed_from))) lo = mid;
                else hi = mid - 1;
            }
            kept = keep_only(kept, times[lo], completed_from);
        }
        // Then one op at a time, reads and refusals first (dropping them is cheap),
        // until a whole pass drops nothing.
        for (bool dropped = true; dropped;) {
            dropped = false;
            inconclusive = false;
            for (int pass = 0; pass < 2; ++pass) {
                for (std::size_t i = 0; i < all.size(); ++i) {
                    if (!kept[i] || (all[i].role == Role::Take) != (pass == 1)) continue;
                    kept[i] = false;
                    if (fails(kept)) dropped = true;
                    else kept[i] = true;
                }
            }
        }
        name_the_cause(kept);
        return kept;
    }

    // A witness that kept only a read or a refusal may owe its failure to an order
    // folded into the starting stock ("the read returned 20, but order #7 had already
    // been acknowledged"). Name the latest such order: the one that, left optional,
    // would let the witness pass. It is still certainly before the witness's reads,
    // so the witness with it still fails, and dropping it again would not.
    void name_the_cause(std::vector<bool>& kept) {
        const Candidate c = make_candidate(all, kept, initial);
        if (c.folded == 0) return;
        TimeUs first_call = kNever;
        for (std::size_t i = 0; i < all.size(); ++i)
            if (kept[i]) first_call = std::min(first_call, all[i].call_us);
        std::vector<std::size_t> folded;
        for (std::size_t i = 0; i < all.size(); ++i)
            if (!kept[i] && all[i].role == Role::Take && !all[i].optional && all[i].return_us < first_call)
                folded.push_back(i);
        std::stable_sort(folded.begin(), folded.end(),
                         [&](std::size_t a, std::size_t b) { return all[a].return_us > all[b].return_us; });
        constexpr std::size_t kLatestTried = 8;
        for (std::size_t k = 0; k < folded.size() && k < kLatestTried; ++k) {
            const std::size_t t = folded[k];
            if (fails(kept, t)) continue;
            std::vector<bool> with = kept;
            with[t] = true;
            if (fails(with)) kept = with;
            return;
        }
    }
};

// ---- the reason, in one plain sentence ----

std::string seconds(TimeUs t) {
    std::string s = std::to_string(t / 1000000);
    std::int64_t frac = t % 1000000;
    if (frac > 0) {
        std::string digits = std::to_string(frac);
        digits.insert(0, 6 - digits.size(), '0');
        while (digits.back() == '0') digits.pop_back();
        s += "." + digits;
    }
    return s + " s";
}

struct Describer {
    const History& history;
    std::string product;
    std::string order(const ModelOp& o) const {
        return "order #" + std::to_string(history.ops[o.source].id) + " (" + std::to_string(o.amount) + " x " + product + ")";
    }
    std::string orders(const std::vector<const ModelOp*>& list) const {
        std::string s;
        for (std::size_t k = 0; k < list.size(); ++k) s += (k == 0 ? "" : k + 1 == list.size() ? " and " : ", ") + order(*list[k]);
        return s;
    }
};

std::string describe(const History& history, const std::string& product, const Candidate& c) {
    const Describer d{history, product};
    std::vector<const ModelOp*> takes, reads, refusals;
    for (std::size_t i = 0; i < c.ops.size(); ++i) {
        if (!c.in_witness[i]) continue;
        const ModelOp& o = c.ops[i];
        (o.role == Role::Take ? takes : o.role == Role::Read ? reads : refusals).push_back(&o);
    }
    const std::string start = c.folded == 0 ? "stock started at " + std::to_string(c.start_stock)
                                            : "the orders acknowledged earlier left " + std::to_string(c.start_stock) + " in stock";
    // The least stock possible at the end of `target`: every order that may come first.
    auto least_before = [&](const ModelOp& target, std::vector<const ModelOp*>& could) {
        std::int64_t stock = c.start_stock;
        for (const ModelOp& o : c.ops)
            if (o.role == Role::Take && &o != &target && o.call_us < target.return_us) {
                stock -= o.amount;
                could.push_back(&o);
            }
        return stock;
    };
    if (reads.size() == 1 && refusals.empty()) {
        const ModelOp& r = *reads[0];
        const std::string head = "the read at " + seconds(r.call_us) + " returned " + std::to_string(r.amount);
        std::vector<const ModelOp*> before;
        std::int64_t most = c.start_stock;
        TimeUs acked_by = 0;
        for (const ModelOp* t : takes)
            if (t->return_us < r.call_us) {
                before.push_back(t);
                most -= t->amount;
                acked_by = std::max(acked_by, t->return_us);
            }
        if (r.amount > most) {
            if (before.empty()) return head + ", but " + start;
            return head + ", but " + d.orders(before) + (before.size() == 1 ? " had" : " had all") +
                   " already been acknowledged " + (before.size() == 1 ? "at " : "by ") + seconds(acked_by) +
                   ", so stock could be at most " + std::to_string(most);
        }
        std::vector<const ModelOp*> could;
        const std::int64_t least = least_before(r, could);
        if (r.amount < least) {
            if (could.empty()) return head + ", but no order for " + product + " could have come before it and " + start;
            return head + ", but only " + d.orders(could) + " could have come before it, so stock was at least " +
                   std::to_string(least);
        }
        // Between the bounds, yet no set of the orders that may precede it leaves it.
        std::vector<std::int64_t> maybe;
        for (const ModelOp* o : could)
            if (std::find(before.begin(), before.end(), o) == before.end()) maybe.push_back(o->amount);
        constexpr std::size_t kMostListed = 6;
        if (maybe.size() <= 10) {
            std::vector<std::int64_t> values;
            for (std::uint32_t subset = 0; subset < (1u << maybe.size()); ++subset) {
                std::int64_t v = most;
                for (std::size_t k = 0; k < maybe.size(); ++k) v -= (subset >> k & 1u) ? maybe[k] : 0;
                values.push_back(v);
            }
            std::sort(values.rbegin(), values.rend());
            values.erase(std::unique(values.begin(), values.end()), values.end());
            if (values.size() <= kMostListed) {
                std::string list;
                for (std::size_t k = 0; k < values.size(); ++k)
                    list += (k == 0 ? "" : k + 1 == values.size() ? " or " : ", ") + std::to_string(values[k]);
                return head + ", but stock could only have been " + list + " then";
            }
        }
    }
    if (refusals.size() == 1 && reads.empty()) {
        const ModelOp& f = *refusals[0];
        std::vector<const ModelOp*> could;
        const std::int64_t least = least_before(f, could);
        if (least >= f.amount) {
            const std::string head = d.order(f) + " was refused as out of stock at " + seconds(f.return_us);
            if (could.empty()) return head + ", but " + start + " and no other order could have come first";
            return head + ", but only " + d.orders(could) + " could have come before it, so stock was at least " +
                   std::to_string(least);
        }
    }
    if (reads.empty() && refusals.empty() && !takes.empty()) {
        std::int64_t total = 0;
        for (const ModelOp* t : takes) total += t->amount;
        if (total > c.start_stock) {
            if (takes.size() == 1)
                return d.order(*takes[0]) + " was acknowledged at " + seconds(takes[0]->return_us) + ", but " + start;
            return d.orders(takes) + (takes.size() == 2 ? " were both" : " were all") + " acknowledged, " + std::to_string(total) + " units in all, but " + start;
        }
    }
    if (reads.size() == 2 && refusals.empty()) {
        const ModelOp& a = *reads[0];
        const ModelOp& b = *reads[1];
        const ModelOp& early = a.return_us < b.call_us ? a : b;
        const ModelOp& late = &early == &a ? b : a;
        // Orders certainly placed between the two reads.
        std::vector<const ModelOp*> between;
        std::int64_t most = early.amount;
        TimeUs acked_by = 0;
        for (const ModelOp* t : takes)
            if (t->call_us > early.return_us && t->return_us < late.call_us) {
                between.push_back(t);
                most -= t->amount;
                acked_by = std::max(acked_by, t->return_us);
            }
        const std::string first = "the read at " + seconds(early.call_us) + " returned " + std::to_string(early.amount);
        const std::string second = "a later read at " + seconds(late.call_us) + " returned " + std::to_string(late.amount);
        if (early.return_us < late.call_us && late.amount > most) {
            if (between.empty()) return first + ", but " + second + ", and nothing puts stock back";
            return first + ", then " + d.orders(between) + (between.size() == 1 ? " was" : " were") + " acknowledged " +
                   (between.size() == 1 ? "at " : "by ") + seconds(acked_by) + ", yet " + second +
                   ", so stock could be at most " + std::to_string(most);
        }
    }
    return "these " + std::to_string(reads.size() + refusals.size() + takes.size()) + " operations on " + product +
           " cannot be put in any order that fits: " + start;
}

std::string name_of(const std::vector<std::string>& names, std::int32_t product) {
    if (product >= 0 && static_cast<std::size_t>(product) < names.size()) return names[product];
    return "product " + std::to_string(product);
}

}  // namespace

LinearizabilityResult check_linearizable(const History& history, std::uint64_t budget_steps,
                                         const std::vector<std::string>& product_names) {
    LinearizabilityResult result;
    std::vector<std::int32_t> products;
    std::unordered_map<std::int32_t, std::vector<ModelOp>> by_product;
    for (std::size_t i = 0; i < history.ops.size(); ++i) {
        const auto m = to_model(history.ops[i], i);
        if (!m) continue;
        auto& list = by_product[history.ops[i].product];
        if (list.empty()) products.push_back(history.ops[i].product);
        list.push_back(*m);
    }
    std::sort(products.begin(), products.end());
    bool out_of_budget = false;
    for (const std::int32_t p : products) {
        const std::vector<ModelOp>& ops = by_product[p];
        const std::int64_t initial =
            p >= 0 && static_cast<std::size_t>(p) < history.initial_stock.size() ? history.initial_stock[p] : 0;
        const SearchResult r = search(ops, initial, budget_steps);
        result.steps += r.steps;
        if (r.verdict == Verdict::Linearizable) {
            ProductLinearization lin{p, {}};
            for (const std::size_t i : r.order) lin.order.push_back(history.ops[ops[i].source].id);
            result.linearizations.push_back(std::move(lin));
            continue;
        }
        if (r.verdict == Verdict::Unknown) {  // another product may still show a definite violation
            if (!out_of_budget) {
                result.product = p;
                result.reason = "the search ran out of its budget of " + std::to_string(budget_steps) + " steps on " +
                                name_of(product_names, p) + " (" + std::to_string(ops.size()) + " operations)";
            }
            out_of_budget = true;
            continue;
        }
        Shrinker shrinker{ops, initial, budget_steps};
        const std::vector<bool> kept = shrinker.shrink();
        result.steps += shrinker.spent;
        const Candidate c = make_candidate(ops, kept, initial);
        result.verdict = Verdict::NotLinearizable;
        result.product = p;
        result.linearizations.clear();
        for (std::size_t i = 0; i < c.ops.size(); ++i)
            if (c.in_witness[i]) result.witness.push_back(history.ops[c.ops[i].source]);
        std::sort(result.witness.begin(), result.witness.end(),
                  [](const Operation& a, const Operation& b) { return a.invoke_us < b.invoke_us; });
        result.witness_minimal = !shrinker.inconclusive;
        result.reason = describe(history, name_of(product_names, p), c);
        return result;
    }
    if (out_of_budget) { result.verdict = Verdict::Unknown; result.linearizations.clear(); }
    return result;
}

}  // namespace cs
