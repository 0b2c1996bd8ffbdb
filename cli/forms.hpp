// Stage data from the command line: forms (--file), dates given as flags, enumeration checks.
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/record.hpp"
#include "core/yaml_io.hpp"

namespace casectl::cli {

// A CLI11 transform accepting a value of e as Enum::find() does, by its code or by its Japanese
// or English label (`--basis 職権`, `--what 支援計画`), which it replaces by the code; anything
// else is a usage error (exit 2) naming the allowed codes with their labels. Use with ->transform(), so that the command receives
// the code (->check() would drop the replacement).
CLI::Validator member_of(const Enum& e);
// The values of e for an option's help, in the language chosen: each code with its label where
// the label says more than the code ("female（女） | male（男） | ...", "safe | safe-with-plan (safe
// with a safety plan) | unsafe"). Every option given member_of() lists its values by this.
std::string values_help(const Enum& e);
// The codes an option given member_of() accepts (for shell completion); empty when none.
std::vector<std::string> member_codes(CLI::Option& opt);

// The code of the value typed for e inside a flag's value (`--need 安全:TEXT`, `--progress
// G1:達成`) as Enum::find() reads it, or Error(usage) with Enum::not_one_of(what, typed).
std::string code_option(const Enum& e, const std::string& what, const std::string& typed);

// A date flag's value, or Error(usage) naming the flag.
Date date_option(const std::string& flag, const std::string& value);
// The day --as-of names (report, due): a date not after today, or Error(usage) quoting it.
Date as_of_option(const std::string& value);

// Loads a form file ("-" for stdin) through the safe loader; errors name the file.
Node read_form(const std::string& path);

// Loads a form holding record-level sections, refusing keys other than allowed, into a Record.
Record read_record_form(const std::string& path, const std::vector<std::string>& allowed);

}  // namespace casectl::cli
