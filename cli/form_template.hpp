// The commented stage forms offered in $EDITOR.
#pragma once
#include <string>

#include "core/record.hpp"

namespace casectl::cli {

// The commented form of a stage ("assess", "plan", "review", "close"), prefilled with what the
// record already implies (e.g. the needs a plan must answer, the goals a review must rate) and
// listing the allowed values of each enumeration in comments.
std::string stage_form_template(const std::string& stage, const Record& r);

}  // namespace casectl::cli
