// The writer of `casectl show`'s summary (cli/summary_text.cpp, cli/summary_practice.cpp): a
// heading column, values in the config's locale, every value made terminal text so that free
// text cannot forge a line of its own.
#pragma once
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/enums.hpp"
#include "core/locale_text.hpp"
#include "core/record.hpp"
#include "core/table.hpp"
#include "core/terminal_text.hpp"

namespace casectl::cli {

struct SummaryWriter {
  const std::string& locale;
  std::string s;

  std::string tr(const char* en, const char* ja) const { return in_locale(locale, en, ja); }
  // The en or ja format, filled with args.
  template <class... Args> std::string fmt(const char* en, const char* ja, Args&&... args) const {
    return ::fmt::format(::fmt::runtime(tr(en, ja)), std::forward<Args>(args)...);
  }
  std::string lab(const Enum& e, const std::string& v) const { return v.empty() ? "-" : e.label(v, locale); }
  std::string labs(const Enum& e, const Strings& vs) const {
    std::string r;
    for (const auto& v : vs) r += (r.empty() ? "" : ", ") + lab(e, v);
    return r.empty() ? "-" : r;
  }
  // A heading padded to one column width, then the value (made terminal text), every further
  // line of it indented under the first.
  void line(const std::string& heading, const std::string& value) {
    s += pad_to_width(terminal_text(heading, Newlines::escape), 14) + "  " + indented(terminal_text(value)) + "\n";
  }
  // Free text (made terminal text) indented under the heading column, one output line per line
  // of text.
  void text(const std::string& raw) {
    if (raw.empty()) return;
    std::string t = terminal_text(raw);
    size_t start = 0;
    while (start <= t.size()) {
      size_t nl = t.find('\n', start);
      std::string part = t.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      if (!part.empty() || nl != std::string::npos) s += std::string(16, ' ') + part + "\n";
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }

 private:
  // Text indented so that every line after the first starts in the value column: a multi-line
  // value (a name, a reason) cannot forge a field or a record line of its own. `t` is already
  // terminal text.
  static std::string indented(const std::string& t) {
    std::string out;
    for (char c : t) out += c == '\n' ? "\n" + std::string(16, ' ') : std::string(1, c);
    return out;
  }
};

// A date, "-" when absent.
inline std::string day_text(const OptDate& date) { return date ? date->iso() : "-"; }

}  // namespace casectl::cli
