#!/usr/bin/env python3
"""Save-to-page latency of `nbrun preview` for the edits issue 21 names.

Writes a notebook whose first cell sleeps SLOW seconds (10 by default; numpy's seeded
stream first, so every run prints the same numbers), then CELLS small cells, each using
the one before. Starts `nbrun preview` on it (its own XDG_CACHE_HOME under .build-bench/,
the runtime built by a first run), and for RUNS rounds makes, by renaming a new file over
the notebook as most editors do:

- a prose edit (the program is unchanged),
- an edit of the last cell (behind SLOW seconds of earlier cells),
- an edit of the first cell (nothing before it to reuse).

For each save it times, with a real HTTP client: the file renamed -> the first page that
shows the edit (the quick page, marked as reused, when there is one), and -> the page that
says a fresh run verified it (or the fresh page itself, when nothing could be reused).
Prints one line per save and the medians.

    bench/incremental.py [--nbrun PATH] [--runs N] [--slow SECONDS] [--cells N]
"""
import argparse, os, re, socket, statistics, subprocess, sys, tempfile, time, urllib.request

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--nbrun", default=os.path.join(root, ".build/release/nbrun")
                    if os.path.exists(os.path.join(root, ".build/release/nbrun")) else os.path.join(root, ".build/debug/nbrun"))
parser.add_argument("--runs", type=int, default=5)
parser.add_argument("--slow", type=float, default=10)
parser.add_argument("--cells", type=int, default=8)
args = parser.parse_args()


def notebook(prose="The first cell waits, as a long training loop would.", first="0", last="last"):
    parts = ["# Incremental preview benchmark\n", prose + "\n",
             f"```swift-cell\nimport Foundation\nnp.random.seed({first})\nvar x0 = np.random.randn(4)\n"
             f"Thread.sleep(forTimeInterval: {args.slow})\n```\n"]
    for k in range(1, args.cells + 1):
        parts.append(f"Cell {k}.\n\n```swift-cell\nlet x{k} = x{k - 1} * 2.0 + np.random.rand()\nprint(\"x{k}\", x{k})\n```\n")
    parts.append(f"The end.\n\n```swift-cell\nprint(\"{last}\", x{args.cells}.sum())\n```\n")
    return "\n".join(parts)


work = os.path.join(root, ".build-bench", "incremental")
os.makedirs(work, exist_ok=True)
folder = tempfile.mkdtemp(dir=work)
path = os.path.join(folder, "slow.md")
open(path, "w").write(notebook())
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
url = f"http://127.0.0.1:{port}/"
env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache"))
log = open(os.path.join(folder, "stderr.txt"), "w")
server = subprocess.Popen([args.nbrun, "preview", path, "--port", str(port)], env=env,
                          stdout=subprocess.DEVNULL, stderr=log)


def page():
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode()


def wait(wanted, seconds=600):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            text = page()
            if wanted(text):
                return text
        except OSError:
            pass
        if server.poll() is not None:
            sys.exit("nbrun preview ended; see " + log.name)
        time.sleep(0.01)
    sys.exit("timed out; see " + log.name)


def save(text):
    temporary = path + ".tmp"
    with open(temporary, "w") as f:
        f.write(text)
    os.rename(temporary, path)


def timed(text, marker):
    """Seconds to the first page showing `marker`, and to the fresh run's page."""
    saved = time.perf_counter()
    save(text)
    first = wait(lambda p: marker in p)
    shown = time.perf_counter() - saved
    quick = 'data-reuse="' in first
    if quick:
        wait(lambda p: marker in p and "Verified: a fresh run" in p or "A fresh run of the whole notebook changed" in p)
    return shown, time.perf_counter() - saved, quick


results = {"prose": [], "last cell": [], "first cell": []}
try:
    wait(lambda p: "<pre class=\"stdout\">last " in p)
    for run in range(args.runs):
        tag = f"r{run}"
        base = notebook(prose=f"Round {tag}, before.", last=f"last {tag}")
        save(base)
        wait(lambda p: f"Round {tag}, before." in p and 'data-reuse="' not in p)
        for kind, text, marker in [
            ("prose", notebook(prose=f"Round {tag}, after.", last=f"last {tag}"), f"Round {tag}, after."),
            ("last cell", notebook(prose=f"Round {tag}, after.", last=f"edited {tag}"), f"edited {tag} "),
            ("first cell", notebook(prose=f"Round {tag}, first.", first=str(run + 1), last=f"edited {tag}"),
             f"Round {tag}, first."),
        ]:
            shown, fresh, quick = timed(text, marker)
            results[kind].append((shown, fresh))
            print(f"{kind:10} shown {shown:7.3f} s  fresh page {fresh:7.3f} s  {'(quick page first)' if quick else ''}",
                  flush=True)
finally:
    server.terminate()
    server.wait()

print()
for kind, values in results.items():
    if values:
        print(f"median {kind:10} shown {statistics.median(v[0] for v in values):.3f} s, "
              f"fresh {statistics.median(v[1] for v in values):.3f} s (n={len(values)})")
