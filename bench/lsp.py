#!/usr/bin/env python3
"""Diagnostics-as-you-type latency of `nbrun lsp` on notebooks/backprop.md.

Speaks the protocol to `nbrun lsp` over its stdin and stdout, as an editor does: opens
a copy of the notebook, waits for its first diagnostics, then RUNS times types a burst
of KEYS keystrokes 60 ms apart into the cell that prints the loss (incremental
`didChange`s), alternating bursts that leave the cell compiling and bursts that leave a
type error in it. For each burst it times the last keystroke -> the
`publishDiagnostics` of that last version, and checks what it says (no error, or the
error at its line). Prints one line per burst, then the median and the worst.

    bench/lsp.py [--nbrun PATH] [--runs N] [--keys N] [--cells N]

--cells N appends N more cells (a tensor product and a print each) to the notebook,
for the same measurement on a larger one.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, threading, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--nbrun", default=os.path.join(root, ".build/release/nbrun")
                    if os.path.exists(os.path.join(root, ".build/release/nbrun")) else os.path.join(root, ".build/debug/nbrun"))
parser.add_argument("--runs", type=int, default=10)
parser.add_argument("--keys", type=int, default=8)
parser.add_argument("--cells", type=int, default=0)
args = parser.parse_args()

work = os.path.join(root, ".build-bench", "lsp")
os.makedirs(work, exist_ok=True)
folder = tempfile.mkdtemp(dir=work)
notebook = os.path.join(folder, "backprop.md")
text = open(os.path.join(root, "notebooks/backprop.md")).read()
for n in range(args.cells):
    text += f"\n```swift-cell\nlet extra{n} = np.ones([3, 3]) ⋅ np.ones([3, 3])\nprint(extra{n}.sum())\n```\n"
open(notebook, "w").write(text)
lines = text.split("\n")
target = next(i for i, line in enumerate(lines) if line.startswith('print("Loss:", loss.item())'))
uri = "file://" + notebook

env = dict(os.environ)
env.setdefault("XDG_CACHE_HOME", os.path.join(work, "cache"))
server = subprocess.Popen([args.nbrun, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
published = []  # (time, params)
lock = threading.Condition()

def reader():
    out = server.stdout
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
        if message.get("method") == "textDocument/publishDiagnostics":
            with lock:
                published.append((time.monotonic(), message["params"]))
                lock.notify_all()

threading.Thread(target=reader, daemon=True).start()

def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()

def wait_for(version, timeout=300):
    deadline = time.monotonic() + timeout
    with lock:
        while True:
            for at, params in published:
                if params.get("version") == version:
                    return at, params
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                sys.exit(f"no diagnostics for version {version} within {timeout} s")
            lock.wait(remaining)

send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {}}})
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
started = time.monotonic()
wait_for(1)
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
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": target, "character": column + index},
                                          "end": {"line": target, "character": column + index}},
                                "text": character}]}})
        last = time.monotonic()
        time.sleep(0.06)
    at, params = wait_for(version)
    errors = [d for d in params["diagnostics"] if d["severity"] == 1]
    if broken != bool(errors) or (errors and errors[0]["range"]["start"]["line"] != target):
        sys.exit(f"burst {run + 1}: unexpected diagnostics {errors}")
    latency = at - last
    latencies["type error" if broken else "compiles"].append(latency)
    print(f"burst {run + 1} ({'type error' if broken else 'compiles'}): {latency * 1000:.0f} ms after the last keystroke")
    # Undo the burst in one edit, and wait for that state too.
    version += 1
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": {"line": target, "character": column},
                                      "end": {"line": target, "character": column + len(suffix)}}, "text": ""}]}})
    wait_for(version)

everything = latencies["compiles"] + latencies["type error"]
for kind, values in latencies.items():
    if values:
        print(f"{kind}: median {statistics.median(values) * 1000:.0f} ms, worst {max(values) * 1000:.0f} ms ({len(values)} bursts)")
print(f"all: median {statistics.median(everything) * 1000:.0f} ms, worst {max(everything) * 1000:.0f} ms")
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
send({"jsonrpc": "2.0", "method": "exit"})
server.wait(timeout=10)
