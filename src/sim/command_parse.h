#pragma once
// Internal to src/sim: the word-level readers the command language and the `expect`
// forms share. command.cpp parses commands; expectations.cpp parses and checks the
// `expect` forms with the same readers.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "command.h"

namespace cs::command_parse {

// The words from `from` on, joined by single spaces.
std::string join(const std::vector<std::string_view>& words, std::size_t from);
// False, with "column N: byte 0xNN is ..." in error, if `line` holds a byte no
// command may contain: a control character other than tab and CR (a NUL would cut
// the message that quotes the line), or a byte that is not part of valid UTF-8
// (it would reach the terminal, the page's log and its JSON as it is).
bool check_plain_text(std::string_view line, std::string& error);
// A whole number with an optional sign, at most 18 characters.
bool parse_int(std::string_view text, std::int64_t& out);
// Digits only, 0 .. 2^64-1.
bool parse_u64(std::string_view text, std::uint64_t& out);
// Plain decimal (digits with at most one point); no exponents, no locale.
bool parse_decimal(std::string_view text, double& out);
// A server id 1..context.servers; sets error otherwise.
bool parse_server(std::string_view text, const ParseContext& context, NodeId& out, std::string& error);
// "1,2,3": distinct server ids.
bool parse_server_list(std::string_view text, const ParseContext& context, std::vector<NodeId>& out, std::string& error);
bool known_product(const ParseContext& context, std::string_view sku);
// `key=value`: true and value set if word starts with key and '='.
bool key_value(std::string_view word, std::string_view key, std::string_view& value);

// `expect ...` (w[0] is "expect"): defined in expectations.cpp, next to the checks.
bool parse_expect(const std::vector<std::string_view>& w, const ParseContext& context, Command& out, std::string& error);

}  // namespace cs::command_parse
