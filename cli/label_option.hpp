// Enumeration flags that accept a value's code or its Japanese label (SPEC section 5: `--basis
// 職権` records ex-officio). Used with CLI::Option::transform, which keeps the code.
#pragma once
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "core/enums.hpp"

namespace casectl::cli {

// A CLI11 transform: the code as given, or the code of a Japanese label; any other value is a
// usage error (exit 2) naming the allowed codes.
inline CLI::Validator code_or_label(const Enum& e) {
  const Enum* table = &e;
  return CLI::Validator(
      [table](std::string& v) -> std::string {
        if (table->contains(v)) return "";
        for (const auto& x : table->values)
          if (v == x.ja) {
            v = x.value;
            return "";
          }
        return fmt::format("{} \"{}\" is not one of: {}", table->name, v, table->allowed());
      },
      table->allowed(), table->name);
}

}  // namespace casectl::cli
