// The causes of YAML syntax errors that people who type in Japanese often make, found where
// yaml-cpp reports a syntax error so the message names the cause and points at it: a key
// followed by a full-width colon "：" (`risk：high`), or text holding ": " after a key
// (`client_views: 本人: 家に帰りたくない`). refuse_fullwidth_key() (core/yaml_io.hpp) is here too.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace casectl::yaml_detail {

// A syntax error's cause that a person can act on, and its offset in the text.
struct Hint {
  std::string message;
  std::size_t pos;
};

// The cause of a syntax error yaml-cpp reported at byte offset error_pos, when it is one of
// those above: a full-width colon after a key on that line or one before it, or ": " inside text
// on the error's line; nullopt otherwise.
std::optional<Hint> syntax_hint(std::string_view text, std::size_t error_pos);

}  // namespace casectl::yaml_detail
