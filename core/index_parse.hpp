// Reading case records into summaries on every core, for the case index.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/index_scan.hpp"
#include "core/summary.hpp"

namespace casectl {

// The summary of each file under policy (same order as files), read with load_record() on
// cores() threads (parallel_for). A file that cannot be loaded gives
// unreadable_summary() with the error's place and message. Every summary's id is the folder's
// case ID and its path the file's path. Never throws for a bad file. progress, when set, is
// called on this thread with (done, files.size()) at most every kProgressEvery records, never
// with done == files.size() (the caller says when it is all done).
inline constexpr std::size_t kProgressEvery = 256;
std::vector<CaseSummary> read_summaries(const std::string& root,
                                        const std::vector<const FoundCase*>& files, const Policy& policy,
                                        const std::function<void(std::size_t, std::size_t)>& progress = {});

// The summary of one file, as read_summaries() makes it.
CaseSummary read_summary(const std::string& root, const FoundCase& file, const Policy& policy);

}  // namespace casectl
