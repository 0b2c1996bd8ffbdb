// The values a document template sees (SPEC section 7): a JSON object of strings, booleans
// (has_*, is_child) and lists of objects; every key the built-in templates use is set, text absent
// from the record is "" with its has_* false. Free text is made Markdown-safe (one line or a quote
// block), enumeration values become labels and dates are written in config's locale and style.
#pragma once
#include <nlohmann/json_fwd.hpp>

#include "core/config.hpp"
#include "core/record.hpp"

namespace casectl {

// The view of plan n of r, with the practice sections as they stood on the plan's date (worker in
// charge and handovers, safety checks, custody, the latest conference, related cases by ID:
// set_practice_view in core/document_views_detail.hpp); Error(not_found) naming the case if r
// has no plan n.
nlohmann::json plan_view(const Record& r, int n, const Config& config);
// The view of review n of r, with the risk and safety recorded before it ("then") and the
// practice sections as they stood on the review's date;
// Error(not_found) naming the case if r has no review n.
nlohmann::json review_view(const Record& r, int n, const Config& config);
// The view of closure n of r and the plan it closed; Error(not_found) naming the case if r has no
// closure n.
nlohmann::json closure_view(const Record& r, int n, const Config& config);
// Sets has_amendments and amendments (date, reason, by) of the view of document file: the
// amendments that rendered it again (casectl edit), oldest first.
void set_amendments(nlohmann::json& j, const Record& r, const std::string& file, const Config& config);

}  // namespace casectl
