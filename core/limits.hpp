// The limits on what casectl reads, each defined once.
#pragma once
#include <cstddef>

namespace casectl {

// The most bytes casectl reads from one input: a record, a form, casectl.yaml, a template, an
// edited file (1 MiB). Larger input is refused as malformed.
inline constexpr std::size_t kMaxInputBytes = std::size_t{1} << 20;

}  // namespace casectl
