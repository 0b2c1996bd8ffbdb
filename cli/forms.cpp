#include "cli/forms.hpp"

#include <fmt/format.h>

#include "cli/app.hpp"
#include "core/record_io.hpp"

namespace casectl::cli {

CLI::Validator member_of(const Enum& e) {
  const Enum* table = &e;
  return CLI::Validator(
      [table](std::string& v) -> std::string {
        const EnumValue* found = table->find(v);  // by code or label: --relation きょうだい, --risk 高
        if (!found) return table->not_one_of(table->name, v);
        v = found->value;
        return "";
      },
      table->allowed(), table->name);
}

std::string code_option(const Enum& e, const std::string& what, const std::string& typed) {
  const EnumValue* found = e.find(typed);
  if (!found) fail(ErrorKind::usage, e.not_one_of(what, typed));
  return found->value;
}

Date date_option(const std::string& flag, const std::string& value) {
  auto d = Date::parse(value);
  if (!d) fail(ErrorKind::usage, fmt::format("{}: not a date (YYYY-MM-DD)", flag));
  return *d;
}

Date as_of_option(const std::string& value) {
  std::optional<Date> d = Date::parse(value);
  if (!d) fail(ErrorKind::usage, fmt::format("--as-of {} is not a date (YYYY-MM-DD)", value));
  if (*d > today()) fail(ErrorKind::usage, fmt::format("--as-of {} is after today: it pictures a day that has been", value));
  return *d;
}

Node read_form(const std::string& path) {
  std::string display = path == "-" ? "<stdin>" : path;
  return load_yaml(read_input(path), display);
}

Record read_record_form(const std::string& path, const std::vector<std::string>& allowed) {
  std::string display = path == "-" ? "<stdin>" : path;
  Node form = read_form(path);
  if (form.kind != Node::Kind::map) {
    refuse_fullwidth_key(form, display);
    fail(ErrorKind::malformed, "a form must be a map of the record's fields", Place{display, form.line, form.col});
  }
  for (const auto& e : form.entries) {
    bool ok = false;
    for (const auto& a : allowed) ok = ok || a == e.key;
    if (!ok) {
      std::string names;
      for (const auto& a : allowed) names += (names.empty() ? "" : ", ") + a;
      fail(ErrorKind::malformed, fmt::format("key \"{}\" does not belong in this form; allowed: {}", e.key, names),
           Place{display, e.line, e.col});
    }
  }
  // A form carries no schema line: it is written in the record's own schema.
  Node::Entry schema{"schema", form.line, form.col, Node{}};
  schema.value.kind = Node::Kind::scalar;
  schema.value.value = "1";
  schema.value.line = form.line;
  schema.value.col = form.col;
  form.entries.insert(form.entries.begin(), schema);
  return decode_record_form(form, display);
}

}  // namespace casectl::cli
