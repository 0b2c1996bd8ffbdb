// The check of a Mustache template's text before it is parsed or rendered (SPEC section 8: a
// hostile or huge template gets a clear error within a bounded time and memory).
#pragma once
#include <cstddef>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace casectl {

// The most bytes of a template override (templates/<locale>/<kind>.md.mustache): 64 KiB.
inline constexpr std::size_t kMaxTemplateBytes = std::size_t{64} << 10;
// The deepest nesting of Mustache sections ({{#...}} and {{^...}}) in a template.
inline constexpr int kMaxTemplateDepth = 16;
// The most a template may render with a view: bytes written plus sections entered, counted as an
// upper bound before rendering (sections over lists multiply what they hold).
inline constexpr double kMaxRenderWork = 16.0 * (1 << 20);

// Scans template text (file names it in errors) as the Mustache parser will, following changes of
// delimiters, without rendering. Error(malformed) with FILE:LINE:COL for: a section nested deeper
// than kMaxTemplateDepth (the place of the section that goes too deep), a section never closed,
// a tag never closed, a bad set-delimiter tag, a partial ({{>name}}, never supported), or a
// template whose upper bound of work with `view` is over kMaxRenderWork (the place of the tag
// where the bound is passed). Time and memory linear in the text (with a view of fixed size).
void check_template(const std::string& text, const nlohmann::json& view, const std::string& file);

}  // namespace casectl
