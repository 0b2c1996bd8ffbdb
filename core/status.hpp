// The case's status and the commands that change a case, as types (SPEC section 4). The record
// stores the status as its code, like every enumeration; code compares these types, so a typo
// in a status or a command does not compile.
#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace casectl {

struct Record;

enum class Status { intake, assessed, active, closed };

// Every command that changes a case record. Each has exactly one row in the status table
// (core/rules_status.cpp), which a switch over this enum defines: a command missing there is a
// compile error (-Werror=switch).
enum class Command {
  new_case, assess, plan, review, close, reopen, note, consent, withdraw_consent, edit, approve,
  confirm, custody, conference, share, assign, link
};

inline constexpr std::array<Command, 17> kCommands = {
    Command::new_case, Command::assess,     Command::plan,
    Command::review,   Command::close,      Command::reopen,
    Command::note,     Command::consent,    Command::withdraw_consent,
    Command::edit,     Command::approve,    Command::confirm,
    Command::custody,  Command::conference, Command::share,
    Command::assign,   Command::link};

// The code of a status as the record stores it ("intake", ...).
const char* name(Status s);
// The command's name as typed and as the commit subject says it ("new", "assess", ...).
const char* name(Command c);
// The status of a code, nullopt when it is not one (a hand edit).
std::optional<Status> parse_status(std::string_view code);
// The record's status, nullopt when its status field holds no valid code.
std::optional<Status> status_of(const Record& r);

}  // namespace casectl
