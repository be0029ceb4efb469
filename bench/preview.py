#!/usr/bin/env python3
"""Save-to-updated-page time of `nbrun preview` on notebooks/backprop.md.

Starts `nbrun preview` on a copy of the notebook (its own XDG_CACHE_HOME, under
.build-bench/), waits for the first page, then edits the cell that prints the loss
RUNS times. Each edit is a new program to compile (a "fresh edit"); then it saves
earlier texts again, whose programs are in the cache ("cached edit"). For every save
it times: the file written -> the page's `reload` event on /events -> the new page
fetched over HTTP and showing the edit. Prints one line per save and the medians.

    bench/preview.py [--nbrun PATH] [--runs N]
"""
import argparse, os, re, signal, socket, statistics, subprocess, sys, tempfile, time, urllib.request

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--nbrun", default=os.path.join(root, ".build/release/nbrun")
                    if os.path.exists(os.path.join(root, ".build/release/nbrun")) else os.path.join(root, ".build/debug/nbrun"))
parser.add_argument("--runs", type=int, default=10)
args = parser.parse_args()

work = os.path.join(root, ".build-bench", "preview")
os.makedirs(work, exist_ok=True)
folder = tempfile.mkdtemp(dir=work)
notebook = os.path.join(folder, "backprop.md")
original = open(os.path.join(root, "notebooks/backprop.md")).read()
open(notebook, "w").write(original)
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
url = f"http://127.0.0.1:{port}/"
env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache"))
log = open(os.path.join(folder, "stderr.txt"), "w")
server = subprocess.Popen([args.nbrun, "preview", notebook, "--port", str(port)], env=env,
                          stdout=subprocess.DEVNULL, stderr=log)

def page():
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()

def version(text):
    return int(re.search(r"var version = (\d+),", text).group(1))

def save(text):
    # Like most editors: a temporary file renamed over the notebook.
    temporary = notebook + ".tmp"
    with open(temporary, "w") as f:
        f.write(text)
    os.rename(temporary, notebook)

def timed_save(text, marker):
    current = version(page())
    events = urllib.request.urlopen(f"{url}events?since={current}", timeout=60)
    time.sleep(0.1)  # the stream is connected, as an open page's is
    saved = time.perf_counter()
    save(text)
    name = None
    while True:
        line = events.readline().decode()
        if line.startswith("event: "):
            name = line[7:].strip()
        if line.startswith("data: ") and name == "reload":
            reloaded = time.perf_counter()
            break
    events.close()
    text = page()
    fetched = time.perf_counter()
    assert marker in text, f"the page doesn't show {marker!r}"
    return reloaded - saved, fetched - saved

try:
    deadline = time.time() + 300
    while True:
        try:
            if 'class="stdout"' in page():
                break
        except OSError:
            pass
        if time.time() > deadline or server.poll() is not None:
            sys.exit("nbrun preview didn't serve a page; see " + log.name)
        time.sleep(0.1)
    texts = []
    timed_save(original.replace('print("Loss:"', 'print("Warm-up:"'), "Warm-up: ")  # warms swiftc's caches
    rows = {"fresh edit": [], "cached edit": []}
    for run in range(args.runs):
        label = f"Loss {run}:"
        texts.append((original.replace('print("Loss:"', f'print("{label}"'), label))
        rows["fresh edit"].append(timed_save(*texts[-1]))
    for text, label in texts:
        rows["cached edit"].append(timed_save(text, label))
    print(f"nbrun: {args.nbrun}")
    for kind, times in rows.items():
        for event, fetched in times:
            print(f"{kind}: reload event {event:.3f} s, page fetched {fetched:.3f} s")
    for kind, times in rows.items():
        fetched = [t for _, t in times]
        print(f"{kind}: median {statistics.median(fetched):.3f} s (event {statistics.median([e for e, _ in times]):.3f} s), "
              f"min {min(fetched):.3f}, max {max(fetched):.3f}, n={len(fetched)}")
finally:
    server.send_signal(signal.SIGINT)
    server.wait(timeout=10)
