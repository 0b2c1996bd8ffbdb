// Writing YAML scalars that every YAML 1.1/1.2 reader reads back as the same text (the record
// emitter, the forms and the yaml output format use it).
#pragma once
#include <string>
#include <string_view>

namespace casectl {

// Writing YAML scalars: text as a plain scalar when any YAML 1.1/1.2 reader would read it back
// as the same string, else double-quoted with escapes; multi-line text as a literal block.
// Returns the scalar as it goes after "key: " at the given indentation (block scalars include
// their newline-separated lines, indented by indent + 2). Throws Error malformed when text is
// not valid UTF-8.
std::string yaml_scalar(std::string_view text, int indent);

}  // namespace casectl
