#include "cli/stage_run.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "cli/editor.hpp"
#include "cli/forms.hpp"
#include "cli/terminal.hpp"
#include "core/deadlines.hpp"
#include "core/error.hpp"

namespace casectl::cli {

std::optional<Node> stage_form(const std::string& file, const std::string& stage, bool missing,
                               const CaseStore& store, const CaseId& id) {
  if (!file.empty()) return read_form(file);
  if (missing && interactive()) return form_from_editor(store.root(), stage, store.load(id).record);
  return std::nullopt;
}

std::string form_name(const std::string& file) {
  if (file.empty()) return "<editor form>";
  return file == "-" ? "<stdin>" : file;
}

void run_stage(CaseStore& store, const Globals& g, const CaseId& id,
               const std::function<ChangeSummary(Record&, const StageContext&)>& change) {
  const Worker& by = acting_worker(store, g);
  ChangeSummary done;
  std::string status;
  store.change(by, id, [&](Record& r) {
    StageContext ctx{store.config(), store.root(), today(), by.id, now()};
    done = change(r, ctx);
    status = r.status;
    return done;
  });
  std::string text = fmt::format("{} {}: {} (status {})\n", done.action, id.str(), done.summary, status);
  for (const auto& d : done.documents) text += "wrote " + d.path + "\n";
  out(text);
}

Pair split_pair(const std::string& flag, const std::string& text) {
  auto c1 = text.find(':');
  if (c1 == std::string::npos || c1 == 0)
    fail(ErrorKind::usage, fmt::format("{}: expected KEY:VALUE (the value after the first colon)", flag));
  Pair p;
  p.key = text.substr(0, c1);
  auto c2 = text.find(':', c1 + 1);
  p.value = text.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1);
  if (c2 != std::string::npos) p.note = text.substr(c2 + 1);
  return p;
}

void print_safety_due(const Record& r, const Config& config) {
  if (auto due = safety_check_due(r, config.policy))
    std::fprintf(stderr, "safety check due by %s (%d h after the report was received)\n", due->str().c_str(),
                 config.policy.safety_check_hours);
}

}  // namespace casectl::cli
