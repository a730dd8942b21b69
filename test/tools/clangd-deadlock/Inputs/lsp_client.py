#!/usr/bin/env python3
"""A scripted LSP client for the clangd-deadlock end-to-end tests.

Runs one scenario against a server command and prints what it saw, one line
per diagnostic, for FileCheck:

  session  open a file with a double lock and a type error, wait for both
           diagnostics, fix the lock in the (unsaved) buffer, wait for our
           warning to go, shut down.
  crash    the analysis crashes: clangd's diagnostics still arrive, the
           session shuts down cleanly.
  cancel   edits arrive while an analysis runs: the stale run is killed.
  plain    a client without related-information support: the notes are
           appended to the message.

Every wait has a deadline; running out of time is a failure with a message,
never a hang.
"""

import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time

TIMEOUT = 90  # seconds; clangd's first parse of a file with <mutex> is slow on CI.


class Server:
    def __init__(self, command, cwd):
        self.proc = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=open(os.path.join(cwd, "server.log"), "wb"))
        self.messages = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.decode().rstrip("\r\n")
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params):
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method,
                   "params": params})
        self.next_id += 1
        return self.next_id - 1

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for(self, what, predicate, timeout=TIMEOUT):
        """The first message satisfying predicate; answers server requests."""
        deadline = time.time() + timeout
        while True:
            left = deadline - time.time()
            if left <= 0:
                fail(f"timed out waiting for {what}")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                fail(f"timed out waiting for {what}")
            if message is None:
                fail(f"the server closed its output while waiting for {what}")
            if "method" in message and "id" in message:
                # A request from the server (e.g. workDoneProgress/create).
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            if predicate(message):
                return message

    def diagnostics(self, uri, what, predicate, timeout=TIMEOUT):
        def matches(message):
            return (message.get("method") == "textDocument/publishDiagnostics"
                    and message["params"]["uri"] == uri
                    and predicate(message["params"]["diagnostics"]))
        return self.wait_for(what, matches, timeout)["params"]["diagnostics"]


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def ours(diagnostics):
    return [d for d in diagnostics if d.get("source") == "clang-deadlock"]


def clangs(diagnostics):
    return [d for d in diagnostics if d.get("source") != "clang-deadlock"]


def show(label, diagnostics):
    for d in sorted(diagnostics, key=lambda d: (d["range"]["start"]["line"],
                                                d.get("source", ""))):
        r = d["range"]
        where = "%d:%d-%d:%d" % (r["start"]["line"] + 1, r["start"]["character"],
                                 r["end"]["line"] + 1, r["end"]["character"])
        severity = {1: "error", 2: "warning"}.get(d.get("severity"), "other")
        print(f"{label}: {d.get('source')} {severity} {where} [{d.get('code')}] "
              f"{d['message']}")
        for note in d.get("relatedInformation", []):
            loc = note["location"]
            print(f"{label}:   related {os.path.basename(loc['uri'])}:"
                  f"{loc['range']['start']['line'] + 1}:"
                  f"{loc['range']['start']['character']} {note['message']}")


def start(args, related=True):
    command = [args.server] + args.server_args
    server = Server(command, args.dir)
    init = server.request("initialize", {
        "processId": os.getpid(),
        "rootUri": "file://" + args.dir,
        "capabilities": {"textDocument": {"publishDiagnostics": {
            "relatedInformation": related}}},
    })
    server.wait_for("the initialize response",
                    lambda m: m.get("id") == init and "result" in m)
    server.notify("initialized", {})
    return server


def open_file(server, path, version=1):
    uri = "file://" + path
    with open(path) as f:
        text = f.read()
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "cpp", "version": version, "text": text}})
    return uri, text


def stop(server):
    shutdown = server.request("shutdown", None)
    server.wait_for("the shutdown response", lambda m: m.get("id") == shutdown)
    server.notify("exit", None)
    try:
        status = server.proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        fail("the server did not exit after 'exit'")
    print(f"exit status {status}")


def line_of(text, needle):
    for number, line in enumerate(text.split("\n")):
        if needle in line:
            return number, line
    fail(f"no line containing {needle!r}")


def session(args):
    server = start(args)
    uri, text = open_file(server, os.path.join(args.dir, "main.cpp"))
    diagnostics = server.diagnostics(
        uri, "clangd's error and our warning",
        lambda ds: ours(ds) and any(d.get("severity") == 1 for d in ds))
    show("OPEN", diagnostics)

    # Fix the double lock in the buffer only: delete the second lock line.
    number, line = line_of(text, "mu.lock(); // second")
    server.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": number, "character": 0},
                                      "end": {"line": number + 1, "character": 0}},
                            "text": ""}]})
    # Our warning goes once the new buffer is analysed; clangd's error stays.
    diagnostics = server.diagnostics(
        uri, "the diagnostics of the fixed buffer",
        lambda ds: not ours(ds) and clangs(ds))
    show("FIXED", diagnostics)
    # Break it again by typing: the warning comes back at the new line.
    number, line = line_of(text, "mu.lock(); // first")
    server.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"range": {"start": {"line": number + 1, "character": 0},
                                      "end": {"line": number + 1, "character": 0}},
                            "text": "  /* \u00fc\U0001F512 */ mu.lock();\n"}]})
    diagnostics = server.diagnostics(uri, "the warning of the edited buffer",
                                     lambda ds: ours(ds))
    show("RETYPED", diagnostics)
    stop(server)


def crash(args):
    server = start(args)
    uri, _ = open_file(server, os.path.join(args.dir, "main.cpp"))
    diagnostics = server.diagnostics(uri, "clangd's error",
                                     lambda ds: any(d.get("severity") == 1 for d in ds))
    show("CRASH", diagnostics)
    # Give the (crashing) analysis time to run and fail.
    time.sleep(2)
    stop(server)


def cancel(args):
    server = start(args)
    uri, text = open_file(server, os.path.join(args.dir, "main.cpp"))
    time.sleep(1)  # The first run has started and sleeps.
    for version in (2, 3, 4):
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text + "\n" * version}]})
        time.sleep(0.05)
    diagnostics = server.diagnostics(uri, "the analysis of the last buffer",
                                     lambda ds: ours(ds))
    show("CANCEL", diagnostics)
    stop(server)


def plain(args):
    server = start(args, related=False)
    uri, _ = open_file(server, os.path.join(args.dir, "main.cpp"))
    diagnostics = server.diagnostics(uri, "our warning", lambda ds: ours(ds))
    for d in ours(diagnostics):
        print("PLAIN: " + d["message"].replace("\n", "|"))
        print("PLAIN: related %s" % d.get("relatedInformation"))
    stop(server)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=["session", "crash", "cancel", "plain"])
    parser.add_argument("--dir", required=True)
    parser.add_argument("server")
    parser.add_argument("server_args", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    args.dir = os.path.abspath(args.dir)
    {"session": session, "crash": crash, "cancel": cancel, "plain": plain}[args.scenario](args)


if __name__ == "__main__":
    main()
