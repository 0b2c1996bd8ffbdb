// casectl schema: the case record's reference, made from the record's own field tables
// (core/record_schema): Markdown for people, a JSON Schema for editors.
#include "cli/app.hpp"
#include "core/record_schema.hpp"

namespace casectl::cli {

void register_schema(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("schema", tx("the case record's fields and values (--format md|json-schema)"));
  example(cmd,
          "  casectl schema > record.md                               # every section and field\n"
          "  casectl schema --format json-schema > case.schema.json   # for a YAML language server");
  cmd->callback([&g] {
    if (format_of(g, {"md", "json-schema"}) == "md")
      out(record_schema_markdown());
    else
      out(record_json_schema().dump(2) + "\n");
  });
}

}  // namespace casectl::cli
