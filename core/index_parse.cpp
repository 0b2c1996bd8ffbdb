// Reading changed case records in parallel (parallel_for), one summary slot per file.
#include "core/index_parse.hpp"

#include <atomic>
#include <exception>
#include <thread>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/record_io.hpp"

namespace casectl {

namespace {

// "FILE:LINE:COL: message" of a load error (the message alone when it has no place).
std::string error_text(const Error& e) {
  std::string place = e.place().str();
  return place.empty() ? std::string(e.what()) : place + ": " + e.what();
}

}  // namespace

CaseSummary read_summary(const std::string& root, const FoundCase& file, const Policy& policy) {
  std::string id = file.id.str();
  const std::string path = file.path();
  if (!file.stat.regular)
    return unreadable_summary(id, path, path + ": not a regular file that can be read");
  CaseSummary s;
  try {
    LoadedRecord loaded = load_record(root + "/" + path, path);
    require_own_id(loaded, id);
    s = summarize(loaded.record, policy);
  } catch (const Error& e) {
    return unreadable_summary(id, path, error_text(e));
  } catch (const std::bad_alloc&) {
    return unreadable_summary(id, path, path + ": out of memory while reading");
  } catch (const std::exception&) {
    return unreadable_summary(id, path, path + ": cannot be read");
  }
  s.id = std::move(id);
  s.path = path;
  return s;
}

std::vector<CaseSummary> read_summaries(const std::string& root,
                                        const std::vector<const FoundCase*>& files, const Policy& policy,
                                        const std::function<void(std::size_t, std::size_t)>& progress) {
  std::vector<CaseSummary> out(files.size());
  std::atomic<std::size_t> done{0};
  // Progress is told on the calling thread only (it works too), so the callback needs no lock.
  const std::thread::id caller = std::this_thread::get_id();
  std::size_t told = 0;
  parallel_for(files.size(), [&](std::size_t i) {
    out[i] = read_summary(root, *files[i], policy);
    std::size_t now = ++done;
    if (progress && now < files.size() && now >= told + kProgressEvery &&
        std::this_thread::get_id() == caller) {
      told = now;
      progress(now, files.size());
    }
  });
  return out;
}

}  // namespace casectl
