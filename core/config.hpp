// casectl.yaml: agency settings, workers and deadline policy (SPEC section 2).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/locale_text.hpp"

namespace casectl {

struct Worker {
  std::string id;  // short login-like name, e.g. "sato"
  std::string name, email;
  std::string role = "worker";  // enums::role
  bool retired = false;         // a retired worker cannot act; history keeps them
  std::string signing_key{};    // "TYPE BASE64": the public key their commits are signed with, or ""

  bool supervisor() const { return role == "supervisor"; }
};

struct Policy {
  std::map<std::string, int> assessment_due{{"immediate", 1}, {"urgent", 2}, {"routine", 14}};
  int plan_due = 30;
  int safety_check_hours = 48;  // referral received -> child seen (安全確認, the 48-hour rule)
  int custody_days = 60;        // protective custody without an extension (2 months)
  std::map<std::string, int> review_every{
      {"very-high", 14}, {"high", 30}, {"medium", 60}, {"low", 90}};
  // Which changes need a supervisor's approval (casectl approve), by the case's current risk.
  std::map<std::string, std::vector<std::string>> approvals{{"closure", {"high", "very-high"}},
                                                           {"plan", {}}};

  // validate and doctor report changes not signed by their worker (core/signed_policy).
  bool require_signed = false;

  // True when a change of kind ("closure", "plan") at risk needs a supervisor's approval.
  bool needs_approval(const std::string& kind, const std::string& risk) const;
};

struct Config {
  int version = 1;
  std::string agency;
  std::string locale = "en";  // enums::locale
  std::string id_prefix = "C";
  std::string id_scheme = "calendar";  // enums::id_scheme: the year in a new case's ID (fiscal: from 1 April)
  DateStyle date_style = DateStyle::western;  // dates in documents: iso | western | era (ja)
  std::vector<Worker> workers;  // in file order
  Policy policy;

  const Worker* worker(const std::string& id) const;
  const Worker* worker_by_email(const std::string& email) const;
};

// The file name at the case directory root.
inline constexpr const char* kConfigFile = "casectl.yaml";

// Loads root/casectl.yaml through the safe loader. Error(malformed) with place on any problem
// (unknown key, bad worker id, role or locale outside its list, negative day counts). The same
// file asked again in one run is not parsed again while its stat is the one it was read at
// (and it was not written within kRacyNs before: core/index_scan.hpp).
Config load_config(const std::string& root);
// Parses config text (file names the file in errors).
Config parse_config(const std::string& text, const std::string& file);
// The stable text of a config, commented.
std::string emit_config(const Config& c);

// Problems with a worker's name and email (rules worker.name-invalid, worker.email-invalid): a
// newline, '<' or '>' (they would break every commit the worker authors), an empty name, an
// email without '@'. Messages never quote the name or the email.
std::vector<Problem> check_worker_identity(const Worker& w);

// True when id is a valid worker id: [a-z][a-z0-9._-]{0,31}.
bool valid_worker_id(const std::string& id);

// The acting worker (SPEC section 2): flag, else $CASECTL_WORKER, else the worker whose email is
// git_email. Error(usage) naming an unknown worker; Error(usage) saying how to set one if none;
// Error(refused) for a retired worker (rule worker.retired).
const Worker& resolve_worker(const Config& c, const std::optional<std::string>& flag,
                             const std::string& git_email);

}  // namespace casectl
