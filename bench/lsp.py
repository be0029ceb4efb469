#!/usr/bin/env python3
"""Latency of `nbrun lsp`, spoken to over its stdin and stdout as an editor does.

Diagnostics as you type (the default): opens a copy of notebooks/backprop.md, waits
for its first diagnostics, then RUNS times types a burst of KEYS keystrokes 60 ms apart
into the cell that prints the loss (incremental `didChange`s), alternating bursts that
leave the cell compiling and bursts that leave a type error in it. For each burst it
times the last keystroke -> the `publishDiagnostics` of that last version, and checks
what it says (no error, or the error at its line). Prints one line per burst, then the
median and the worst.

    bench/lsp.py [--nbrun PATH] [--runs N] [--keys N] [--cells N]

--cells N appends N more cells (a tensor product and a print each) to the notebook,
for the same measurement on a larger one.

Completion (--completion N [N ...]): for each N, a notebook of N cells, cell k holding
`let v{k} = k` (as the Neovim test's), in a fresh `nbrun lsp`. It opens the notebook,
types `let z = v<prefix>` over the last cell and times the first completion there (from
the open: it includes starting sourcekit-lsp and planning the notebook), then RUNS times
edits a cell in the middle to declare a new name, types `let zz… = <its prefix>` over the
last cell and times the completion request -> its answer. Every answer is checked (the last cells'
names, then the new name, must be offered). Prints the first and the median and worst
of the later ones.

    bench/lsp.py --completion 10 500 2000 [--runs N] [--nbrun PATH]
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, threading, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--nbrun", default=os.path.join(root, ".build/release/nbrun")
                    if os.path.exists(os.path.join(root, ".build/release/nbrun")) else os.path.join(root, ".build/debug/nbrun"))
parser.add_argument("--runs", type=int, default=10)
parser.add_argument("--keys", type=int, default=8)
parser.add_argument("--cells", type=int, default=0)
parser.add_argument("--completion", type=int, nargs="+", metavar="N")
args = parser.parse_args()

work = os.path.join(root, ".build-bench", "lsp")
os.makedirs(work, exist_ok=True)


class Server:
    """One `nbrun lsp`: messages out, responses and published diagnostics in."""

    def __init__(self):
        env = dict(os.environ)
        env.setdefault("XDG_CACHE_HOME", os.path.join(work, "cache"))
        self.process = subprocess.Popen([args.nbrun, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.published = []  # (time, params)
        self.responses = {}
        self.lock = threading.Condition()
        self.next_id = 1
        threading.Thread(target=self.read, daemon=True).start()
        self.request("initialize", {"processId": None, "capabilities": {}})
        self.notify("initialized", {})

    def read(self):
        out = self.process.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(out.read(length))
            with self.lock:
                if message.get("method") == "textDocument/publishDiagnostics":
                    self.published.append((time.monotonic(), message["params"]))
                elif "id" in message and "method" not in message:
                    self.responses[message["id"]] = message
                self.lock.notify_all()

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, timeout=600):
        ident = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        with self.lock:
            if not self.lock.wait_for(lambda: ident in self.responses, timeout):
                sys.exit(f"no answer to {method} within {timeout} s")
            return self.responses[ident]

    def wait_for_diagnostics(self, version, timeout=300):
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                for at, params in self.published:
                    if params.get("version") == version:
                        return at, params
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    sys.exit(f"no diagnostics for version {version} within {timeout} s")
                self.lock.wait(remaining)

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=30)


def open_copy(server, name, text):
    folder = tempfile.mkdtemp(dir=work)
    notebook = os.path.join(folder, name)
    open(notebook, "w").write(text)
    uri = "file://" + notebook
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    return uri


def replace_line(server, uri, version, line, text):
    """Replaces a whole line, as an editor's `didChange` does."""
    server.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": {"line": line, "character": 0},
                                      "end": {"line": line + 1, "character": 0}}, "text": text + "\n"}]})


def labels(response):
    result = response.get("result")
    items = result if isinstance(result, list) else (result or {}).get("items", [])
    return {item["label"] for item in items}


def completion_benchmark(cells):
    text = "# Many cells\n\n" + "".join(f"```swift-cell\nlet v{n} = {n}\n```\n\n" for n in range(cells))
    last, middle = 3 + 4 * (cells - 1), 3 + 4 * (cells // 2)
    server = Server()
    started = time.monotonic()
    uri = open_copy(server, "many.md", text)
    prefix = f"let z = v{cells - 2}"[:-1]
    replace_line(server, uri, 2, last, prefix)
    answer = server.request("textDocument/completion", {
        "textDocument": {"uri": uri}, "position": {"line": last, "character": len(prefix)}})
    first = time.monotonic() - started
    if f"v{cells - 2}" not in labels(answer):
        sys.exit(f"{cells} cells: v{cells - 2} not offered in the last cell: {sorted(labels(answer))[:10]}")
    later = []
    version = 2
    for run in range(args.runs):
        name = f"fresh{run}"
        version += 1
        replace_line(server, uri, version, middle, f"let v{cells // 2} = 0, {name} = {run}")
        version += 1
        # sourcekit-lsp filters its last list again for a completion that starts where the
        # last one started, so each run's starts elsewhere (a longer name on the left).
        typed = f"let z{'z' * (run + 1)} = {name[:-1]}"
        replace_line(server, uri, version, last, typed)
        asked = time.monotonic()
        answer = server.request("textDocument/completion", {
            "textDocument": {"uri": uri}, "position": {"line": last, "character": len(typed)}})
        later.append(time.monotonic() - asked)
        if name not in labels(answer):
            sys.exit(f"{cells} cells, edit {run + 1}: {name} not offered: {sorted(labels(answer))[:10]}")
        time.sleep(0.5)
    server.close()
    print(f"{cells} cells: first completion {first:.2f} s (from opening); after an edit of another cell: "
          f"median {statistics.median(later):.2f} s, worst {max(later):.2f} s ({len(later)} edits)", flush=True)


def diagnostics_benchmark():
    text = open(os.path.join(root, "notebooks/backprop.md")).read()
    for n in range(args.cells):
        text += f"\n```swift-cell\nlet extra{n} = np.ones([3, 3]) ⋅ np.ones([3, 3])\nprint(extra{n}.sum())\n```\n"
    lines = text.split("\n")
    target = next(i for i, line in enumerate(lines) if line.startswith('print("Loss:", loss.item())'))
    server = Server()
    uri = open_copy(server, "backprop.md", text)
    started = time.monotonic()
    server.wait_for_diagnostics(1)
    print(f"first diagnostics after opening: {time.monotonic() - started:.2f} s ({len(lines)} lines)")

    version = 1
    latencies = {"compiles": [], "type error": []}
    for run in range(args.runs):
        broken = run % 2 == 1
        # Each burst appends to the line: a comment (still compiles) or `+ "x"` typed one key at a time.
        suffix = ' + "ab"' if broken else " // abcd"
        base = lines[target]
        column = len(base.encode("utf-16-le")) // 2
        for index, character in enumerate(suffix):
            version += 1
            server.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": target, "character": column + index},
                                              "end": {"line": target, "character": column + index}},
                                    "text": character}]})
            last = time.monotonic()
            time.sleep(0.06)
        at, params = server.wait_for_diagnostics(version)
        errors = [d for d in params["diagnostics"] if d["severity"] == 1]
        if broken != bool(errors) or (errors and errors[0]["range"]["start"]["line"] != target):
            sys.exit(f"burst {run + 1}: unexpected diagnostics {errors}")
        latency = at - last
        latencies["type error" if broken else "compiles"].append(latency)
        print(f"burst {run + 1} ({'type error' if broken else 'compiles'}): {latency * 1000:.0f} ms after the last keystroke")
        # Undo the burst in one edit, and wait for that state too.
        version += 1
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": target, "character": column},
                                          "end": {"line": target, "character": column + len(suffix)}}, "text": ""}]})
        server.wait_for_diagnostics(version)

    everything = latencies["compiles"] + latencies["type error"]
    for kind, values in latencies.items():
        if values:
            print(f"{kind}: median {statistics.median(values) * 1000:.0f} ms, worst {max(values) * 1000:.0f} ms ({len(values)} bursts)")
    print(f"all: median {statistics.median(everything) * 1000:.0f} ms, worst {max(everything) * 1000:.0f} ms")
    server.close()


if args.completion:
    for cells in args.completion:
        completion_benchmark(cells)
else:
    diagnostics_benchmark()
