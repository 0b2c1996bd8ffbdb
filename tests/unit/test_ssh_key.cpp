// OpenSSH public key lines (core/ssh_key) and their place in casectl.yaml (signing_key,
// policy.require_signed).
#include <doctest/doctest.h>

#include <string>

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/ssh_key.hpp"

using namespace casectl;

namespace {

// A real ed25519 public key (made with ssh-keygen for this test; no private half kept).
const std::string kKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPCJAtPI86pZS6XQGarwWWIk945zk6rdejVCRV817Rbt";

std::string why_not(const std::string& line) {
  std::string why;
  CHECK_FALSE(parse_public_key(line, &why));
  return why;
}

}  // namespace

TEST_CASE("a public key line is kept as TYPE BASE64, its comment dropped") {
  CHECK(parse_public_key(kKey, nullptr) == kKey);
  CHECK(parse_public_key("  " + kKey + " sato@laptop\n", nullptr) == kKey);
}

TEST_CASE("what is not an OpenSSH public key is refused, saying why") {
  CHECK(why_not("").find("TYPE BASE64") != std::string::npos);
  CHECK(why_not("ssh-dss AAAAB3NzaC1kc3MAAACBAP").find("type") != std::string::npos);
  CHECK(why_not("ssh-ed25519 AAAA!bad").find("base64") != std::string::npos);
  CHECK(why_not("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPCJAtPI86pZS6XQGarwWWIk945zk6rdejVCRV817Rb").find("base64") !=
        std::string::npos);  // not a multiple of 4
  CHECK(why_not("ssh-rsa" + kKey.substr(11)).find("type it names") != std::string::npos);
  CHECK(why_not(kKey + "\n" + kKey).find("more than one line") != std::string::npos);
  CHECK(why_not("-----BEGIN OPENSSH PRIVATE KEY-----").size() > 0);
}

TEST_CASE("user.signingkey: a literal key or a path") {
  CHECK(literal_key(kKey));
  CHECK(literal_key("key::" + kKey));
  CHECK_FALSE(literal_key("/home/sato/.ssh/id_ed25519"));
  CHECK_FALSE(literal_key("~/.ssh/id_ed25519.pub"));
}

TEST_CASE("casectl.yaml: signing_key and policy.require_signed load, are checked and written back") {
  std::string text = "casectl: 1\nworkers:\n  sato:\n    name: S\n    email: s@x.org\n    signing_key: " + kKey +
                     " a comment\npolicy:\n  require_signed: true\n";
  Config c = parse_config(text, "c.yaml");
  CHECK(c.workers[0].signing_key == kKey);
  CHECK(c.policy.require_signed);
  std::string out = emit_config(c);
  CHECK(out.find("    signing_key: " + kKey + "\n") != std::string::npos);
  CHECK(out.find("  require_signed: true") != std::string::npos);
  Config back = parse_config(out, "c.yaml");
  CHECK(back.workers[0].signing_key == kKey);
  CHECK(back.policy.require_signed);
  CHECK(emit_config(Config{}).find("require_signed") == std::string::npos);
  try {
    parse_config("casectl: 1\nworkers:\n  sato:\n    name: S\n    signing_key: ssh-ed25519 xx\n", "c.yaml");
    FAIL("a malformed key loaded");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::malformed);
    CHECK(e.place().line == 5);
    CHECK(std::string(e.what()).find("workers.sato.signing_key") != std::string::npos);
  }
  CHECK_THROWS_AS(parse_config("casectl: 1\npolicy:\n  require_signed: yes\n", "c.yaml"), Error);
}
