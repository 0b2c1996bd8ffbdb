// Reading changed case records in parallel: a shared work counter, one summary slot per file.
#include "core/index_parse.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

#include "core/error.hpp"
#include "core/record_io.hpp"

namespace casectl {

namespace {

// "FILE:LINE:COL: message" of a load error (the message alone when it has no place).
std::string error_text(const Error& e) {
  std::string place = e.place().str();
  return place.empty() ? std::string(e.what()) : place + ": " + e.what();
}

}  // namespace

CaseSummary read_summary(const std::string& root, const FoundCase& file) {
  std::string id = file.id.str();
  if (!file.stat.regular)
    return unreadable_summary(id, file.path, file.path + ": not a regular file that can be read");
  CaseSummary s;
  try {
    s = summarize(load_record(root + "/" + file.path, file.path).record);
  } catch (const Error& e) {
    return unreadable_summary(id, file.path, error_text(e));
  } catch (const std::bad_alloc&) {
    return unreadable_summary(id, file.path, file.path + ": out of memory while reading");
  } catch (const std::exception&) {
    return unreadable_summary(id, file.path, file.path + ": cannot be read");
  }
  s.id = std::move(id);
  s.path = file.path;
  return s;
}

std::vector<CaseSummary> read_summaries(const std::string& root,
                                        const std::vector<const FoundCase*>& files) {
  std::vector<CaseSummary> out(files.size());
  if (files.empty()) return out;
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) out[i] = read_summary(root, *files[i]);
  };
  std::size_t n = std::max(1u, std::thread::hardware_concurrency());
  n = std::min(n, files.size());
  std::vector<std::thread> threads;
  try {
    for (std::size_t t = 1; t < n; ++t) threads.emplace_back(work);
  } catch (const std::system_error&) {
    // Fewer threads than wanted: the ones started and this one share the work.
  }
  work();
  for (auto& t : threads) t.join();
  return out;
}

}  // namespace casectl
