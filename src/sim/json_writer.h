#pragma once
// A small streaming JSON writer: enough for the state JSON and the trace, with
// numbers formatted the same way on every platform.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace cs {

class JsonWriter {
public:
    JsonWriter& begin_object() { return open('{'); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('['); }
    JsonWriter& end_array() { return close(']'); }
    JsonWriter& key(std::string_view k) {
        comma();
        string_literal(k);
        out_ += ':';
        after_key_ = true;
        return *this;
    }
    JsonWriter& value(std::string_view s) {
        comma();
        string_literal(s);
        return *this;
    }
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b) {
        comma();
        out_ += b ? "true" : "false";
        return *this;
    }
    JsonWriter& value(std::int64_t v) {
        comma();
        out_ += std::to_string(v);
        return *this;
    }
    JsonWriter& value(int v) { return value(static_cast<std::int64_t>(v)); }
    JsonWriter& value(std::uint64_t v) {
        comma();
        out_ += std::to_string(v);
        return *this;
    }
    // Doubles with a fixed number of decimals: identical text native and wasm.
    JsonWriter& value(double v, int decimals = 4) {
        if (!std::isfinite(v)) return null();  // JSON has no inf or nan
        comma();
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
        out_ += buffer;
        return *this;
    }
    JsonWriter& null() {
        comma();
        out_ += "null";
        return *this;
    }
    const std::string& str() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    JsonWriter& open(char c) {
        comma();
        out_ += c;
        first_ = true;
        return *this;
    }
    JsonWriter& close(char c) {
        out_ += c;
        first_ = false;
        return *this;
    }
    void comma() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (!first_) out_ += ',';
        first_ = false;
    }
    void string_literal(std::string_view s) {
        out_ += '"';
        for (char c : s) {
            switch (c) {
                case '"': out_ += "\\\""; break;
                case '\\': out_ += "\\\\"; break;
                case '\n': out_ += "\\n"; break;
                case '\t': out_ += "\\t"; break;
                case '\r': out_ += "\\r"; break;
                default:
                    if (static_cast<unsigned char>(c) < 0x20) {
                        char buffer[8];
                        std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                        out_ += buffer;
                    } else {
                        out_ += c;
                    }
            }
        }
        out_ += '"';
    }

    std::string out_;
    bool first_ = true;
    bool after_key_ = false;
};

}  // namespace cs
