#!/usr/bin/env python3
"""A small HTTP server for the tests (tests/cli/sync_servers.bats): git http-backend as CGI.

Usage: git_http_server.py PROJECT_ROOT PORT_FILE [USER:PASSWORD]

Listens on 127.0.0.1, on a port the system chooses, and writes that port to PORT_FILE once it
accepts connections. Every request runs `git http-backend` (smart HTTP: fetch and push) on the
repositories under PROJECT_ROOT. Paths under /auth/ need HTTP basic authentication with
USER:PASSWORD (401 otherwise), so that a URL's credentials are known to be used; the others are
open. Request bodies sent in chunks are joined first (http-backend reads CONTENT_LENGTH bytes).
Python's own CGIHTTPRequestHandler is not used: it passes neither Content-Encoding (git gzips
larger requests) nor Git-Protocol to the program.
"""
import base64
import http.server
import os
import subprocess
import sys

ROOT, PORT_FILE = sys.argv[1], sys.argv[2]
CREDENTIALS = sys.argv[3] if len(sys.argv) > 3 else None
BACKEND = subprocess.run(["git", "--exec-path"], capture_output=True, text=True, check=True).stdout.strip()
BACKEND = os.path.join(BACKEND, "git-http-backend")


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):  # quiet: bats shows stderr of failing tests only
        pass

    def body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def serve(self):
        path, _, query = self.path.partition("?")
        user = ""
        if path.startswith("/auth/"):
            path = path[len("/auth"):]
            given = self.headers.get("Authorization", "")
            want = "Basic " + base64.b64encode(CREDENTIALS.encode()).decode() if CREDENTIALS else None
            if want is None or given != want:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="cases"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            user = CREDENTIALS.split(":", 1)[0]
        data = self.body() if self.command == "POST" else b""
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env.update({
            "GIT_PROJECT_ROOT": ROOT, "GIT_HTTP_EXPORT_ALL": "1", "GATEWAY_INTERFACE": "CGI/1.1",
            "REQUEST_METHOD": self.command, "PATH_INFO": path, "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""), "CONTENT_LENGTH": str(len(data)),
            "REMOTE_ADDR": self.client_address[0], "SERVER_PROTOCOL": "HTTP/1.0",
        })
        if user:
            env["REMOTE_USER"] = user
        for header, var in (("Content-Encoding", "HTTP_CONTENT_ENCODING"), ("Git-Protocol", "GIT_PROTOCOL")):
            if self.headers.get(header):
                env[var] = self.headers[header]
        r = subprocess.run([BACKEND], input=data, env=env, capture_output=True)
        head, _, out = r.stdout.partition(b"\r\n\r\n")
        if not _:
            head, _, out = r.stdout.partition(b"\n\n")
        status, headers = 200, []
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.split()[0])
            elif name:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    do_GET = serve
    do_POST = serve


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
