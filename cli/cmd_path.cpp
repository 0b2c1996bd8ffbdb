// casectl path ID: print the case's folder.
#include <filesystem>

#include "cli/app.hpp"
#include "core/error.hpp"

namespace casectl::cli {
namespace {

// The case's folder as an absolute path, whatever form -C or $CASECTL_DIR gave the root in.
std::string absolute_folder(const std::string& root, const CaseId& id) {
  namespace fs = std::filesystem;
  fs::path p = (fs::absolute(root) / case_dir(id)).lexically_normal();
  return p.string();
}

}  // namespace

void register_path(CLI::App& app, Globals& g) {
  auto id = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("path", tx("print a case's folder (absolute path)"));
  cmd->add_option("ID", *id, tx("case ID, e.g. C-2026-0001"))->required();
  example(cmd, "  cd \"$(casectl path C-2026-0001)\"");
  cmd->callback([id, &g] {
    CaseId cid = require_case_id(*id);
    std::string root = find_root(g.dir);
    CaseStore store(root);
    if (!store.exists(cid)) throw case_not_found(cid);
    out(absolute_folder(store.root(), cid) + "\n");
  });
}

}  // namespace casectl::cli
