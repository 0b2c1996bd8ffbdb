// Equality of records, field by field through the fields() tables of record.hpp.
#include "core/record.hpp"

#include <optional>
#include <vector>

#include "core/record_visit.hpp"

namespace casectl {


bool operator==(const Record& a, const Record& b) { return visit::same(a, b); }

}  // namespace casectl
