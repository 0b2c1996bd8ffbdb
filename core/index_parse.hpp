// Reading case records into summaries on every core, for the case index.
#pragma once
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/index_scan.hpp"
#include "core/summary.hpp"

namespace casectl {

// The summary of each file under policy (same order as files), read with load_record() on
// hardware_concurrency() threads (at least one). A file that cannot be loaded gives
// unreadable_summary() with the error's place and message. Every summary's id is the folder's
// case ID and its path the file's path. Never throws for a bad file.
std::vector<CaseSummary> read_summaries(const std::string& root,
                                        const std::vector<const FoundCase*>& files, const Policy& policy);

// The summary of one file, as read_summaries() makes it.
CaseSummary read_summary(const std::string& root, const FoundCase& file, const Policy& policy);

}  // namespace casectl
