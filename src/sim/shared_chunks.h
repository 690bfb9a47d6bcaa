#pragma once
// Storage for the large, append-mostly parts of the simulation state (each replica's
// order log, its prefix digests and its order index) that copies share instead of
// duplicating. The app keeps dozens of copies of the Simulation (its checkpoints for
// time travel); with plain vectors and hash maps each copy duplicated every replica's
// whole log, so the checkpoints had to be few and far apart.
//
// Both containers hold their data in chunks behind shared_ptr. Copying one copies the
// chunk pointers only. A change goes to a chunk this copy alone holds: a shared chunk
// is cloned first (copy on write), so a change in one copy never shows in another.
// Only the last chunk normally changes (appends), so a copy costs at most one chunk's
// clone later. Single-threaded, like the whole simulation: use_count() is exact here.
#include <compare>
#include <cstddef>
#include <iterator>
#include <memory>
#include <unordered_map>
#include <vector>

namespace cs {

// A vector in chunks of kChunk elements, shared between copies until written.
template <class T, std::size_t kChunk = 1024>
class SharedChunks {
public:
    SharedChunks() = default;
    SharedChunks(const std::vector<T>& values) { assign(values); }  // NOLINT: a log from a message
    SharedChunks& operator=(const std::vector<T>& values) {
        assign(values);
        return *this;
    }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const T& operator[](std::size_t i) const { return (*chunks_[i / kChunk])[i % kChunk]; }
    const T& back() const { return (*this)[size_ - 1]; }

    // Read-only random access (for std::lower_bound and range-for).
    class const_iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;
        const_iterator() = default;
        const_iterator(const SharedChunks* owner, std::size_t i) : owner_(owner), i_(i) {}
        reference operator*() const { return (*owner_)[i_]; }
        pointer operator->() const { return &(*owner_)[i_]; }
        reference operator[](difference_type n) const { return (*owner_)[i_ + static_cast<std::size_t>(n)]; }
        const_iterator& operator++() { ++i_; return *this; }
        const_iterator operator++(int) { auto old = *this; ++i_; return old; }
        const_iterator& operator--() { --i_; return *this; }
        const_iterator operator--(int) { auto old = *this; --i_; return old; }
        const_iterator& operator+=(difference_type n) { i_ = static_cast<std::size_t>(static_cast<difference_type>(i_) + n); return *this; }
        const_iterator& operator-=(difference_type n) { return *this += -n; }
        friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
        friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
        friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
        friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
            return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
        }
        friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.i_ == b.i_; }
        friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.i_ <=> b.i_; }
    private:
        const SharedChunks* owner_ = nullptr;
        std::size_t i_ = 0;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size_}; }

    // Writable access to element i: clones its chunk first if another copy holds it.
    T& mut(std::size_t i) { return (*own(i / kChunk))[i % kChunk]; }
    void push_back(const T& value) {
        if (size_ % kChunk == 0) {
            chunks_.push_back(std::make_shared<Chunk>());
            chunks_.back()->reserve(kChunk);
        }
        own(chunks_.size() - 1)->push_back(value);
        ++size_;
    }
    void clear() {
        chunks_.clear();
        size_ = 0;
    }
    void assign(const std::vector<T>& values) {
        clear();
        for (const T& v : values) push_back(v);
    }
    std::vector<T> to_vector() const {
        std::vector<T> out;
        out.reserve(size_);
        for (const auto& chunk : chunks_) out.insert(out.end(), chunk->begin(), chunk->end());
        return out;
    }

private:
    using Chunk = std::vector<T>;
    Chunk* own(std::size_t c) {
        std::shared_ptr<Chunk>& chunk = chunks_[c];
        if (chunk.use_count() > 1) {
            auto clone = std::make_shared<Chunk>();
            clone->reserve(kChunk);
            clone->assign(chunk->begin(), chunk->end());
            chunk = std::move(clone);
        }
        return chunk.get();
    }

    std::vector<std::shared_ptr<Chunk>> chunks_;
    std::size_t size_ = 0;
};

// A hash map from keys to values that only grows (or is cleared), shared between
// copies: frozen levels that never change again, newest last, and a private tail
// that takes the inserts. A full tail freezes into a level; levels of about the same
// size merge (like a binary counter), so there are O(log n) levels and each insert is
// moved O(log n) times. A key must be inserted at most once (the order index holds
// each order once: an invariant of the servers); lookups search the tail, then the
// levels newest first.
template <class K, class V, std::size_t kTailMax = 2048>
class SharedIndex {
public:
    std::size_t size() const { return size_; }
    void clear() {
        levels_.clear();
        tail_.clear();
        size_ = frozen_ = 0;
    }
    void insert(const K& key, const V& value) {
        tail_[key] = value;
        size_ = frozen_ + tail_.size();
        if (tail_.size() >= kTailMax) freeze();
    }
    const V* find(const K& key) const {
        if (auto it = tail_.find(key); it != tail_.end()) return &it->second;
        for (auto level = levels_.rbegin(); level != levels_.rend(); ++level)
            if (auto it = (*level)->find(key); it != (*level)->end()) return &it->second;
        return nullptr;
    }
    bool contains(const K& key) const { return find(key) != nullptr; }

private:
    using Map = std::unordered_map<K, V>;
    void freeze() {
        auto level = std::make_shared<Map>(std::move(tail_));
        tail_ = Map();
        // Merge with the previous levels while they are no larger: the levels' sizes
        // then halve from the oldest to the newest.
        while (!levels_.empty() && levels_.back()->size() <= level->size()) {
            auto merged = std::make_shared<Map>(*level);  // the newer level's values win
            merged->insert(levels_.back()->begin(), levels_.back()->end());
            level = std::move(merged);
            levels_.pop_back();
        }
        levels_.push_back(std::move(level));
        frozen_ = 0;
        for (const auto& l : levels_) frozen_ += l->size();
    }

    std::vector<std::shared_ptr<const Map>> levels_;
    Map tail_;
    std::size_t frozen_ = 0;  // entries in the levels
    std::size_t size_ = 0;
};

}  // namespace cs
