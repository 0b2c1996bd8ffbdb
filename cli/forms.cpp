#include "cli/forms.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/app.hpp"
#include "cli/messages.hpp"
#include "core/i18n.hpp"
#include "core/record_io.hpp"

namespace casectl::cli {

namespace {

// The start of the name member_of gives its validators (then the table's name): how
// member_codes knows them.
constexpr const char* kMemberOf = "member_of ";

}  // namespace

CLI::Validator member_of(const Enum& e) {
  const Enum* table = &e;
  return CLI::Validator(
      [table](std::string& v) -> std::string {
        const EnumValue* found = table->find(v);  // by code or label: --relation きょうだい, --risk 高
        if (!found) return table->not_one_of(table->name, v);
        v = found->value;
        return "";
      },
      // No description (CLI11 would add it to the type in --help, where values_help() says it in
      // the language chosen): the codes ride in the name, for member_codes.
      "", std::string(kMemberOf) + table->allowed());
}

std::vector<std::string> member_codes(CLI::Option& opt) {
  for (int i = 0;; ++i) {
    CLI::Validator* v = nullptr;
    try {
      v = opt.get_validator(i);
    } catch (const CLI::OptionNotFound&) {
      return {};
    }
    if (v->get_name().rfind(kMemberOf, 0) != 0) continue;
    std::vector<std::string> codes;
    std::string all = v->get_name().substr(std::string(kMemberOf).size());  // Enum::allowed(), "a | b | c"
    for (std::size_t at = 0, bar = 0; bar != std::string::npos; at = bar + 3) {
      bar = all.find(" | ", at);
      codes.push_back(all.substr(at, bar == std::string::npos ? bar : bar - at));
    }
    return codes;
  }
}

std::string values_help(const Enum& e) {
  const std::string& lang = ui_language();
  std::string s;
  for (const EnumValue& v : e.values) {
    std::string label = e.label(v.value, lang), words = v.value;
    std::replace(words.begin(), words.end(), '-', ' ');
    if (!s.empty()) s += " | ";
    s += label == words ? std::string(v.value) : fmt::format(lang == "ja" ? "{}（{}）" : "{} ({})", v.value, label);
  }
  return s;
}

std::string code_option(const Enum& e, const std::string& what, const std::string& typed) {
  const EnumValue* found = e.find(typed);
  if (!found) fail(ErrorKind::usage, e.not_one_of(what, typed));
  return found->value;
}

Date date_option(const std::string& flag, const std::string& value) {
  auto d = Date::parse(value);
  if (!d) fail(ErrorKind::usage, txf("{}: not a date (YYYY-MM-DD)", flag));
  return *d;
}

Date as_of_option(const std::string& value) {
  std::optional<Date> d = Date::parse(value);
  if (!d) fail(ErrorKind::usage, txf("--as-of {} is not a date (YYYY-MM-DD)", value));
  if (*d > today()) fail(ErrorKind::usage, txf("--as-of {} is after today: it pictures a day that has been", value));
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
    fail(ErrorKind::malformed, tx("a form must be a map of the record's fields"), Place{display, form.line, form.col});
  }
  for (const auto& e : form.entries) {
    bool ok = false;
    for (const auto& a : allowed) ok = ok || a == e.key;
    if (!ok) {
      std::string names;
      for (const auto& a : allowed) names += (names.empty() ? "" : ", ") + a;
      fail(ErrorKind::malformed, txf("key \"{}\" does not belong in this form; allowed: {}", e.key, names),
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
