// Stage data from $EDITOR: on a terminal with fields missing, a commented form is offered.
#pragma once
#include <string>

#include "core/record.hpp"
#include "core/yaml_io.hpp"

namespace casectl::cli {

// Opens $VISUAL, else $EDITOR, else vi on text in a private copy (0600) in the case directory
// root's .casectl/tmp/edit/ (core/editor_copy.hpp) whose name ends with suffix; returns the text
// as saved and removes the copy. Error(internal) if the editor fails to run or exits non-zero.
std::string edit_in_editor(const std::string& root, const std::string& text, const std::string& suffix);

// What the editor saved, and the copy's path (already removed; for error places).
struct EditedText {
  std::string text;
  std::string path;
};
// Same as edit_in_editor(), also naming the copy.
EditedText edit_text(const std::string& root, const std::string& text, const std::string& suffix);

// Offers stage_form_template() in the editor and loads what was saved through the safe loader.
// Error(usage, "aborted ...; nothing written") when the form comes back empty or unchanged.
Node form_from_editor(const std::string& root, const std::string& stage, const Record& r);

}  // namespace casectl::cli
