#include "core/said.hpp"

#include <fmt/args.h>

#include "core/i18n.hpp"

namespace casectl {

Said Said::verbatim(std::string text) {
  Said s;
  s.text_ = std::move(text);
  s.verbatim_ = true;
  return s;
}

std::string Said::english() const { return render(false); }
std::string Said::local() const { return render(true); }

std::string Said::render(bool local) const {
  if (text_.empty() || verbatim_) return text_;
  const char* format = local ? tx(text_.c_str()) : text_.c_str();
  if (args_.empty()) return format;  // as tx() gives it: no "{}" to fill
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const Said& a : args_) store.push_back(a.render(local));
  return fmt::vformat(format, store);
}

}  // namespace casectl
