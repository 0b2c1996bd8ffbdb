#include "cli/stage_run.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "cli/editor.hpp"
#include "cli/forms.hpp"
#include "cli/messages.hpp"
#include "cli/terminal.hpp"
#include "core/deadlines.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

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

std::string change_said(const ChangeSummary& done, const CaseId& id, const std::string& status) {
  std::string line = done.said.empty() ? fmt::format("{} {}: {}", done.action, id.str(), done.summary) : done.said;
  std::string shown = ui_language() == "en" ? status : enums::status.label(status, ui_language());
  std::string text = txf("{} (status {})", line, shown) + "\n";
  for (const auto& d : done.documents) text += txf("wrote {}", d.path) + "\n";
  return text;
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
  out(change_said(done, id, status));
}

Pair split_pair(const std::string& flag, const std::string& text) {
  auto c1 = text.find(':');
  if (c1 == std::string::npos || c1 == 0)
    fail(ErrorKind::usage, txf("{}: expected KEY:VALUE (the value after the first colon)", flag));
  Pair p;
  p.key = text.substr(0, c1);
  auto c2 = text.find(':', c1 + 1);
  p.value = text.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1);
  if (c2 != std::string::npos) p.note = text.substr(c2 + 1);
  return p;
}

void print_safety_due(const Record& r, const Config& config) {
  if (auto due = safety_check_due(r, config.policy))
    std::fprintf(stderr, "%s\n",
                 txf("safety check due by {} ({} h after the report was received)", due->str(),
                     config.policy.safety_check_hours)
                     .c_str());
}

}  // namespace casectl::cli
