#include "core/document_refresh.hpp"

#include <filesystem>

#include "core/documents.hpp"
#include "core/ids.hpp"

namespace casectl {

std::vector<FileChange> documents_rendered_again(const Record& r, const Config& config, const std::string& root,
                                                 const std::string& present_in) {
  std::vector<FileChange> out;
  std::optional<CaseId> id = parse_case_id(r.id);
  if (!id) return out;
  auto consider = [&](DocKind kind, int n) {
    for (bool family : {false, true}) {
      if (family && kind != DocKind::plan) continue;
      for (DocFormat format : {DocFormat::markdown, DocFormat::html}) {
        std::string name = doc_file_name(kind, n, family, format);
        if (std::filesystem::exists(root + "/" + present_in + "/" + name))
          out.push_back(FileChange{case_dir(*id) + "/" + name,
                                   render_document(r, kind, n, config, root, family, format)});
      }
    }
  };
  for (const auto& p : r.plans) consider(DocKind::plan, p.n);
  for (const auto& v : r.reviews) consider(DocKind::review, v.n);
  for (const auto& c : r.closures) consider(DocKind::closure, c.n);
  return out;
}

}  // namespace casectl
