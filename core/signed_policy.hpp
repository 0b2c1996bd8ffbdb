// policy.require_signed (SPEC section 6): every change made after the change that turned the
// policy on (in HEAD's history; earlier changes cannot be signed afterwards) that touches a case
// or casectl.yaml must be `signed` (core/signature_check); the others are problems of validate
// and doctor. Turned off and on again, the latest turning on counts.
#pragma once
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/error.hpp"

namespace casectl {

// The problems (rules signature.unsigned, signature.bad, signature.not-the-author) of the case
// directory at root whose settings are config: one per change and case it touched (of ids only,
// when given; changes of casectl.yaml only when ids is empty), placed in the case's record file
// or casectl.yaml. None when config does not require signing.
std::vector<Problem> signature_problems(const std::string& root, const Config& config,
                                        const std::vector<std::string>& ids);

}  // namespace casectl
