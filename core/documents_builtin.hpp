// The document templates compiled into the binary (generated from templates/).
#pragma once
#include <string>
#include <vector>

namespace casectl {

struct BuiltinTemplate {
  const char* path;  // "<locale>/<name>.md.mustache", e.g. "en/plan.md.mustache"
  const char* text;
};

// Every built-in template, sorted by path.
const std::vector<BuiltinTemplate>& builtin_templates();

}  // namespace casectl
