// The value types of a case record (core/record.hpp, core/record_practice.hpp) and what a
// fields() visitor is called with.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace casectl {

using Strings = std::vector<std::string>;
using OptDate = std::optional<Date>;
using OptDateTime = std::optional<DateTime>;
using OptInt = std::optional<int>;  // a number that may be absent (null): "plan: null"

// A visitor V is called as v(key, field) or v(key, field, enum_table) for:
//   int, OptInt, std::string, Strings, OptDate, OptDateTime
//                                        (plain values; with an Enum for enumeration values/lists)
//   T, std::optional<T>, std::vector<T>  (nested sections; V recurses with fields(T&, V&))

}  // namespace casectl
