// casectl doc ID plan|review|closure [N] [--format md|html] [--family]: renders a document again
// with the current templates (e.g. after a template change), as Markdown or as a printable HTML
// page beside it, or the family version of a plan; commits it when its text changed.
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "cli/app.hpp"
#include "core/documents.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/rules.hpp"

namespace casectl::cli {
namespace {

struct DocOptions {
  std::string id, kind;
  std::optional<int> n;
  bool to_stdout = false;
  bool family = false;
};

// The file's content, or nullopt when it does not exist.
std::optional<std::string> read_if_exists(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// True when r has document kind n.
bool has_document(const Record& r, DocKind kind, int n) {
  switch (kind) {
    case DocKind::plan: return find_n(r.plans, n) != nullptr;
    case DocKind::review: return find_n(r.reviews, n) != nullptr;
    case DocKind::closure: return find_n(r.closures, n) != nullptr;
  }
  return false;
}

// The document's number: N as given, else the latest; Error(not_found) when there is none.
int number_of(const Record& r, DocKind kind, std::optional<int> given) {
  int n = given ? *given : latest_doc_number(r, kind);
  if (n == 0) fail(ErrorKind::not_found, txf("{} has no {} yet", r.id, doc_kind_name(kind)));
  if (!has_document(r, kind, n)) fail(ErrorKind::not_found, txf("{} has no {} {}", r.id, doc_kind_name(kind), n));
  return n;
}

void run(const DocOptions& o, const Globals& g) {
  CaseId id = require_case_id(o.id);
  auto kind = parse_doc_kind(o.kind);
  if (!kind) fail(ErrorKind::usage, txf("\"{}\" is not a document; name one of: plan | review | closure", o.kind));
  if (o.n && *o.n < 1) fail(ErrorKind::usage, txf("N must be 1 or more, not {}", *o.n));
  DocFormat format = format_of(g, {"md", "html"}) == "html" ? DocFormat::html : DocFormat::markdown;
  CaseStore store = open_store(g);
  Record r = store.load(id).record;
  int n = number_of(r, *kind, o.n);
  auto render = [&](const Record& rec) {
    return render_document(rec, *kind, n, store.config(), store.root(), o.family, format);
  };
  std::string text = render(r);
  if (o.to_stdout) return out(text);
  std::string name = doc_file_name(*kind, n, o.family, format);
  std::string rel = case_dir(id) + "/" + name;
  std::optional<std::string> before = read_if_exists(store.root() + "/" + rel);
  if (before == text) return out(txf("{} is up to date", rel) + "\n");
  const Worker& by = acting_worker(store, g);
  store.change(by, id, [&](Record& now) {
    if (!has_document(now, *kind, n))  // still there under the lock
      fail(ErrorKind::not_found, txf("{} has no {} {}", id.str(), doc_kind_name(*kind), n));
    std::string fresh = render(now);
    return ChangeSummary{"doc", name + (before ? " rendered again" : " rendered"), {FileChange{rel, fresh}}};
  });
  out(txf("wrote {}", rel) + "\n");
}

}  // namespace

void register_doc(CLI::App& app, Globals& g) {
  auto o = std::make_shared<DocOptions>();
  auto* cmd = app.add_subcommand(
      "doc", tx("render a plan, review or closure document again, as Markdown or HTML; a plan for the family"));
  cmd->add_option("ID", o->id, tx("case ID, e.g. C-2026-0001"))->required();
  cmd->add_option("KIND", o->kind, "plan | review | closure")->required();
  cmd->add_option("N", o->n, tx("which plan, review or closure (default: the latest)"));
  cmd->add_flag("--stdout", o->to_stdout, tx("print the document instead of writing and committing it"));
  cmd->add_flag("--family", o->family,
                tx("the version of a plan handed to the family: plain words, no internal IDs or risk "
                "ratings, signature lines (plan-N-family.md)"));
  example(cmd, "  casectl doc C-2026-0001 plan        # the latest plan, plan-N.md\n"
               "  casectl doc C-2026-0001 review 2\n"
               "  casectl doc C-2026-0001 closure 1 --stdout\n"
               "  casectl doc C-2026-0001 plan 1 --format html          # plan-1.html, to print (A4)\n"
               "  casectl doc C-2026-0001 plan 1 --family --format html # plan-1-family.html",
          tx("--format md (the default) or html: a standalone page made from the Markdown, with an A4\n"
             "print stylesheet, written beside the .md; record text in it is never active HTML.\n"
             "--family (plans only): the plan for the family meeting, templates/LOCALE/plan-family.md.mustache.\n"
             "A document is bound to what it records (plan N and its assessment, review N and its\n"
             "plan, closure N and the plan it closed): when nothing of that changed it is up to date\n"
             "and nothing is committed.\n"
             "Templates: DIR/templates/LOCALE/KIND.md.mustache overrides the built-in one.\n"
             "A changed document is one commit (\"doc C-2026-0001: plan-1.md rendered again\")."));
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
