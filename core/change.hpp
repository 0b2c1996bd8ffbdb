// What one change writes and says: the files of a commit and its summary. Shared by the pure
// stage functions (core/stages) and the repository that commits them (core/repo, core/case_store).
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.hpp"

namespace casectl {

// A file to write, relative to the case directory root ("cases/2026/00/C-2026-0001/case.yaml").
struct FileChange {
  std::string path;
  std::string content;
};

// What a change did, for its commit message (SPEC section 6): "<action> <ID>: <summary>".
// The summary must hold no personal data: values, counts and dates only.
struct ChangeSummary {
  using Trailers = std::vector<std::pair<std::string, std::string>>;
  ChangeSummary(std::string action_ = "", std::string summary_ = "", std::vector<FileChange> documents_ = {},
                Trailers trailers_ = {})
      : action(std::move(action_)), summary(std::move(summary_)), documents(std::move(documents_)),
        trailers(std::move(trailers_)) {}

  std::string action;   // "new", "assess", "plan", ...
  std::string summary;  // e.g. "risk high, safety unsafe"
  std::vector<FileChange> documents;  // rendered documents committed with the record
  // Extra trailers after Case/Stage/Worker, e.g. {"Amendment", "typo"}: codes only.
  Trailers trailers;
  // The day the event happened (the stage's date): the commit's author is dated by it, its
  // committer by the real clock, so an entry made days later shows as late (SPEC section 6).
  // None: today.
  std::optional<Date> event;
  // The line the command prints, in the language chosen ("assess C-2026-0001: risk high, safety
  // unsafe" in English, the commit's subject; tx/txf): empty for the English subject.
  std::string said;

  // This summary, of an event on day `d`.
  ChangeSummary on(const std::optional<Date>& d) && {
    event = d;
    return std::move(*this);
  }
  // This summary, printed as `line` (see said).
  ChangeSummary saying(std::string line) && {
    said = std::move(line);
    return std::move(*this);
  }
};

}  // namespace casectl
