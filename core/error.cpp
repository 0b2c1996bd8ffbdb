#include "core/error.hpp"

#include <fmt/format.h>

namespace casectl {

std::string Place::str() const {
  if (file.empty()) return "";
  if (line <= 0) return file;
  return fmt::format("{}:{}:{}", file, line, col);
}

std::string Problem::str() const {
  std::string s = case_id.empty() ? fmt::format("{}: {}", rule, message)  // casectl.yaml: no case
                                  : fmt::format("{}: {}: {}", case_id, rule, message);
  if (!fix.empty()) s += "; " + fix;
  return s;
}

void fail(ErrorKind kind, const std::string& message, Place place) {
  throw Error(kind, message, std::move(place));
}

}  // namespace casectl
