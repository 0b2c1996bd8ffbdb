// What every stage command does around its stage function: find the case, the acting worker and
// the form (--file, or the editor on a terminal when fields are missing), then one commit.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "cli/app.hpp"
#include "core/stages.hpp"

namespace casectl::cli {

// Loads the form of a stage: --file (path or "-"), else the editor when `missing` and on a
// terminal, else an empty map (flags only). Returns nullopt when there is no form.
std::optional<Node> stage_form(const std::string& file, const std::string& stage, bool missing,
                               const CaseStore& store, const CaseId& id);

// The name a form's errors give: the file, "<stdin>" for "-", "<editor form>" for none.
std::string form_name(const std::string& file);

// The stage's section decoded from its form (see stage_form), or an empty section without one.
template <class T>
T stage_section(const std::string& file, const std::string& stage, bool missing, const CaseStore& store,
                const CaseId& id, T (*decode)(const Node&, const std::string&)) {
  auto form = stage_form(file, stage, missing, store, id);
  return form ? decode(*form, form_name(file)) : T{};
}

// What a stage command prints once its change is committed, in the language chosen:
// "<action> <ID>: <summary> (status <status>)" (done.said when set) and a line per document.
std::string change_said(const ChangeSummary& done, const CaseId& id, const std::string& status);

// Runs change() on case id of the (already opened) store as the acting worker in one commit,
// then prints change_said().
void run_stage(CaseStore& store, const Globals& g, const CaseId& id,
               const std::function<ChangeSummary(Record&, const StageContext&)>& change);

// Says on stderr by when the child must be seen (the 48-hour rule) after the case's latest
// report (new, reopen), when the time it was received is known.
void print_safety_due(const Record& r, const Config& config);

// "KEY:VALUE[:NOTE]" split at the first two colons; Error(usage) naming the flag otherwise.
struct Pair {
  std::string key, value, note;
};
Pair split_pair(const std::string& flag, const std::string& text);

}  // namespace casectl::cli
