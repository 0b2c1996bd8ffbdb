// What the YAML loader (core/yaml_io.cpp) and its syntax hints (core/yaml_hints.cpp) share; not
// for other callers.
#pragma once
#include <cstddef>
#include <string_view>

namespace casectl::yaml_detail {

// The offset of the quote closing the quoted scalar that opens at text[open] (' or "), or npos.
std::size_t closing_quote(std::string_view text, std::size_t open);

}  // namespace casectl::yaml_detail
