"""Times nbrun against Jupyter, pytest --nbval, papermill and plain numpy, side by side.

Run through bench/run.sh after bench/setup.sh. Every benchmark runs N times, the
benchmarks interleaved round by round so that load from other processes on the
machine falls on all of them alike. Wall time is measured around each process
(time.perf_counter from spawn to exit, output to files). Memory is measured in
separate runs (--mem-runs), not the timed ones, because sampling costs CPU:

- peak tree RSS: the sum of VmRSS over the process and all its descendants,
  sampled every 5 ms through /proc (shared pages count once per process, so this
  overstates a tree's real footprint; a process shorter than 5 ms can be missed);
- max process RSS: ru_maxrss from wait4(), the largest single process in the tree
  (exact, what `/usr/bin/time -f %M` reports).

Each nbrun benchmark has its own XDG_CACHE_HOME under .build-bench/cache with the
runtime already built, so emptying one benchmark's program cache (cold runs) never
cools another's. "First ever run" empties the whole cache, runtime included.

Writes .build-bench/results.md (the table, the goals and the machine) and
.build-bench/results.json (every sample).
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
BENCH = os.path.join(REPO, ".build-bench")
VENV = os.path.join(BENCH, "venv")
VBIN = os.path.join(VENV, "bin")
NB = os.path.join(BENCH, "notebooks")
OUT = os.path.join(BENCH, "out")
CACHE = os.path.join(BENCH, "cache")
NO_OPENBLAS_OVERRIDES = ["env", "-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE"]
MATMUL_SPECS = "64:50:15,256:5:15,512:1:7"
PAGE = os.sysconf("SC_PAGE_SIZE")


# MARK: - Measuring one process

def descendants(pid):
    """pid and every process below it, through /proc/PID/task/TID/children."""
    found, stack = [], [pid]
    while stack:
        p = stack.pop()
        found.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return found


def tree_rss(pid):
    total = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
    return total


def run_once(cmd, env, cwd, stdout_path, sample_memory):
    """Runs cmd to completion; returns (seconds, exit status, peak tree bytes, max process bytes, CPU seconds)."""
    with open(stdout_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        peak = 0
        if sample_memory:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                peak = max(peak, tree_rss(proc.pid))
                time.sleep(0.005)
        else:
            _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, proc.returncode, peak, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


# MARK: - The benchmarks

class Bench:
    def __init__(self, key, label, cmd, group, vs=None, runs=None, prepare=None, cache=None,
                 env=None, cwd=REPO, parse=None, memory=True, codes=(0,)):
        self.key, self.label, self.cmd, self.group, self.vs = key, label, cmd, group, vs
        self.codes = codes  # the exit statuses that mean the benchmark ran as meant
        self.runs, self.prepare, self.cache, self.extra_env, self.cwd = runs, prepare, cache, env or {}, cwd
        self.parse, self.memory = parse, memory
        self.times, self.cpu, self.peaks, self.maxrss, self.parsed = [], [], [], [], []

    def environment(self, base):
        env = dict(base)
        if self.cache:
            env["XDG_CACHE_HOME"] = self.cache
        env.update(self.extra_env)
        return env


def nbrun_cache(key, runtime_seed):
    """A private XDG_CACHE_HOME for one benchmark, holding a copy of the built runtime."""
    home = os.path.join(CACHE, key)
    target = os.path.join(home, "nbrun")
    os.makedirs(target, exist_ok=True)
    for name in os.listdir(runtime_seed):
        if name.startswith("runtime-") and not os.path.exists(os.path.join(target, name)):
            shutil.copytree(os.path.join(runtime_seed, name), os.path.join(target, name), symlinks=True)
    return home


def empty_programs(home):
    return lambda: shutil.rmtree(os.path.join(home, "nbrun", "programs"), ignore_errors=True)


def parse_lines(pattern):
    """Extracts {name: float} from a run's output file with a regex of (name, value) groups."""
    regex = re.compile(pattern, re.M)
    return lambda text: {m.group(1): float(m.group(2)) for m in regex.finditer(text)}


def define(args, nbrun, runtime_seed, baseline=None):
    py = os.path.join(VBIN, "python")
    jupyter = os.path.join(VBIN, "jupyter")
    ipynb = os.path.join(BENCH, "backprop.ipynb")
    backprop = os.path.join(REPO, "notebooks", "backprop.md")
    checked = os.path.join(BENCH, "notebooks", "backprop-checked.md")
    first_runs = args.first_runs or min(args.runs, 3)
    benches = []

    def add(*a, **k):
        benches.append(Bench(*a, **k))

    def cache(key):
        return nbrun_cache(key, runtime_seed)

    first_home = os.path.join(CACHE, "first")
    add("nbrun-first", "nbrun backprop.md → html, first ever run (builds runtime)",
        [nbrun, backprop, "-o", f"{OUT}/first.html"], "backprop", vs="nbconvert-html", runs=first_runs,
        prepare=lambda: shutil.rmtree(first_home, ignore_errors=True), cache=first_home)
    c = cache("cold")
    add("nbrun-cold", "nbrun backprop.md → html, cold (runtime built, no program)",
        [nbrun, backprop, "-o", f"{OUT}/cold.html"], "backprop", vs="nbconvert-html",
        prepare=empty_programs(c), cache=c)
    add("nbrun-warm", "nbrun backprop.md → html, warm",
        [nbrun, backprop, "-o", f"{OUT}/warm.html"], "backprop", vs="nbconvert-html", cache=cache("warm"))
    add("nbrun-md", "nbrun render --to md backprop.md, warm",
        [nbrun, "render", "--to", "md", backprop, "-o", f"{OUT}/warm.out.md"], "backprop",
        vs="nbconvert-md", cache=cache("md"))
    add("nbconvert-html", "jupyter nbconvert --execute --to html",
        NO_OPENBLAS_OVERRIDES + [jupyter, "nbconvert", "--execute", "--to", "html", "--output-dir", OUT,
                                 "--output", "nbconvert", ipynb], "backprop", vs="nbrun-warm")
    add("nbconvert-md", "jupyter nbconvert --execute --to markdown",
        NO_OPENBLAS_OVERRIDES + [jupyter, "nbconvert", "--execute", "--to", "markdown", "--output-dir", OUT,
                                 "--output", "nbconvert", ipynb], "backprop", vs="nbrun-md")
    add("papermill", "papermill backprop.ipynb",
        NO_OPENBLAS_OVERRIDES + [os.path.join(VBIN, "papermill"), "--no-progress-bar", "-k", "python3",
                                 ipynb, f"{OUT}/papermill.ipynb"], "backprop", vs="nbrun-warm")
    add("python", "python3 backprop.py (plain script)",
        NO_OPENBLAS_OVERRIDES + [py, os.path.join(BENCH, "backprop.py")], "backprop", vs="nbrun-warm")

    with open(backprop, encoding="utf-8") as f:
        documented = len(re.findall(r"^```output", f.read(), flags=re.M))
    add("nbrun-check", f"nbrun check backprop.md, warm ({documented} documented outputs)",
        [nbrun, "check", backprop], "check", vs="nbval", cache=cache("check"))
    add("nbrun-check-doc", "nbrun check backprop-checked.md, warm (7 cells, each with a documented output)",
        [nbrun, "check", checked], "check", vs="nbval", cache=cache("check-doc"))
    add("nbval", "pytest --nbval backprop.ipynb (6 code cells checked)",
        NO_OPENBLAS_OVERRIDES + [py, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", ipynb],
        "check", vs="nbrun-check-doc", cwd=BENCH)

    for n in args.scale:
        c = cache(f"scale-{n}-cold")
        add(f"scale-{n}-cold", f"nbrun scale-{n}.md ({n} cells), cold",
            [nbrun, f"{NB}/scale-{n}.md", "-o", f"{OUT}/scale-{n}-cold.html"], "scale",
            vs=f"scale-{args.scale[0]}-cold", prepare=empty_programs(c), cache=c)
    for n in args.scale:
        add(f"scale-{n}-warm", f"nbrun scale-{n}.md ({n} cells), warm",
            [nbrun, f"{NB}/scale-{n}.md", "-o", f"{OUT}/scale-{n}-warm.html"], "scale",
            vs=f"scale-{args.scale[0]}-warm", cache=cache(f"scale-{n}-warm"))

    # A notebook with one trap (its cell 2), with and without --keep-going: exit 1 either way.
    trap = os.path.join(REPO, "Tests", "NBRunKitTests", "Fixtures", "semantics", "keep-going.md")
    for flag, suffix in (([], ""), (["--keep-going"], "-keep-going")):
        c = cache(f"trap-cold{suffix}")
        add(f"trap-cold{suffix}", f"nbrun keep-going.md {' '.join(flag)} (one trap), cold",
            [nbrun, trap, "-o", f"{OUT}/trap-cold{suffix}.html"] + flag, "keepgoing", vs="trap-cold",
            prepare=empty_programs(c), cache=c, codes=(1,))
        add(f"trap-warm{suffix}", f"nbrun keep-going.md {' '.join(flag)} (one trap), warm",
            [nbrun, trap, "-o", f"{OUT}/trap-warm{suffix}.html"] + flag, "keepgoing", vs="trap-warm",
            cache=cache(f"trap-warm{suffix}"), codes=(1,))

    loop = parse_lines(r"^(loop|loop cpu) seconds: ([0-9.e+-]+)$")
    steps = args.xor_steps
    add("xor-nbrun", f"nbrun xor-{steps}.md, warm (whole process)",
        [nbrun, "render", "--to", "md", f"{NB}/xor-{steps}.md", "-o", f"{OUT}/xor.out.md"], "xor",
        vs="xor-numpy", cache=cache("xor"), parse=loop)
    add("xor-numpy", f"python3 bench/xor.py {steps} (numpy, whole process)",
        NO_OPENBLAS_OVERRIDES + [py, os.path.join(HERE, "xor.py"), str(steps)], "xor",
        vs="xor-nbrun", parse=loop)
    if baseline:
        # The same notebook through another nbrun (another runtime), interleaved with the
        # rest round by round; its runtime is built in its own cache by the warm-up run.
        add("xor-nbrun-baseline", f"baseline nbrun xor-{steps}.md, warm (whole process)",
            [baseline, "render", "--to", "md", f"{NB}/xor-{steps}.md", "-o", f"{OUT}/xor-baseline.out.md"], "xor",
            vs="xor-nbrun", cache=cache("xor-baseline"), parse=loop)

    matmul = parse_lines(r"^matmul (\d+(?: threads=\w+)?) median ([0-9.e+-]+)")
    add("matmul-nbrun", "nbrun matmul.md, warm (whole process), OpenBLAS's default threads (2)",
        [nbrun, "render", "--to", "md", f"{NB}/matmul.md", "-o", f"{OUT}/matmul.out.md"], "matmul",
        vs="matmul-numpy", cache=cache("matmul"), parse=matmul, runs=args.matmul_runs)
    one_thread = parse_lines(r"^matmul (\d+) median ([0-9.e+-]+)")
    add("matmul-nbrun-1", "nbrun matmul.md, warm (whole process), OPENBLAS_NUM_THREADS=1",
        [nbrun, "render", "--to", "md", f"{NB}/matmul.md", "-o", f"{OUT}/matmul-1.out.md"], "matmul",
        vs="matmul-numpy", cache=cache("matmul-1"), env={"OPENBLAS_NUM_THREADS": "1"},
        parse=lambda text: {f"{k} threads=1": v for k, v in one_thread(text).items()}, runs=args.matmul_runs)
    add("matmul-numpy", "python3 bench/matmul.py (numpy, whole process)",
        NO_OPENBLAS_OVERRIDES + [py, os.path.join(HERE, "matmul.py")] + MATMUL_SPECS.split(","), "matmul",
        vs="matmul-nbrun", parse=matmul, runs=args.matmul_runs)
    # Issue 20's comparisons: a course lesson and the softmax notebook, each as its compiled
    # program alone, as a warm `nbrun` (HTML report, the default), and as the numpy script.
    for name, script, group in [("lesson", "spiral", "lesson"), ("softmax", "softmax", "softmax")]:
        notebook = os.path.join(REPO, "notebooks", f"{script}.md")
        add(f"{name}-program", f"the compiled program of notebooks/{script}.md alone (cached by nbrun)",
            lambda script=script: [program_of(script)], group, vs=f"{name}-numpy",
            cwd=os.path.join(REPO, "notebooks"))
        add(f"{name}-nbrun", f"nbrun notebooks/{script}.md → html, warm",
            [nbrun, notebook, "-o", f"{OUT}/{script}.html"], group, vs=f"{name}-numpy", cache=cache(name))
        add(f"{name}-numpy", f"python3 bench/{script}.py (numpy, whole process)",
            NO_OPENBLAS_OVERRIDES + [py, os.path.join(HERE, f"{script}.py")], group, vs=f"{name}-program")
    return benches


PROGRAMS = {}


def program_of(script):
    """The compiled program of notebooks/SCRIPT.md, which prepare_inputs found in a private cache."""
    return PROGRAMS[script]


def find_programs(nbrun, base_env):
    """Runs notebooks/spiral.md and softmax.md once, each in a cache of its own, and
    remembers the program nbrun compiled: the cache then holds just that one."""
    for script in ("spiral", "softmax"):
        home = os.path.join(CACHE, f"program-{script}")
        shutil.rmtree(os.path.join(home, "nbrun", "programs"), ignore_errors=True)
        env = dict(base_env, XDG_CACHE_HOME=home)
        subprocess.run([nbrun, "render", "--to", "md", os.path.join(REPO, "notebooks", f"{script}.md"),
                        "-o", os.path.join(OUT, f"{script}-program.out.md")], env=env, check=True)
        programs = os.path.join(home, "nbrun", "programs")
        found = [os.path.join(programs, d, "notebook") for d in os.listdir(programs)
                 if os.path.exists(os.path.join(programs, d, "notebook"))]
        if len(found) != 1:
            sys.exit(f"run.py: expected one program for {script}.md in {programs}, found {len(found)}")
        PROGRAMS[script] = found[0]


# MARK: - Running

def prepare_inputs(nbrun, base_env, args):
    """Notebooks, the built runtime every cache copies, and the documented-output notebook."""
    if not args.only or set(args.only.split(",")) & {"backprop", "check"}:
        subprocess.run([os.path.join(VBIN, "python"), os.path.join(HERE, "make_ipynb.py"), "--out-dir", BENCH],
                       check=True)
    subprocess.run([sys.executable, os.path.join(HERE, "make_notebooks.py"), "--out-dir", NB,
                    "--matmul", MATMUL_SPECS, "--xor-steps", str(args.xor_steps),
                    "--scale", ",".join(str(n) for n in args.scale)], check=True)
    os.makedirs(OUT, exist_ok=True)
    seed_home = os.path.join(CACHE, "seed")
    env = dict(base_env, XDG_CACHE_HOME=seed_home)
    subprocess.run([nbrun, "render", "--to", "md", os.path.join(REPO, "notebooks", "backprop.md"),
                    "-o", os.path.join(OUT, "seed.out.md")], env=env, check=True)
    # A copy of backprop.md that documents every cell's output, as nbval compares every
    # code cell: an empty output block after each cell that has none, filled by `nbrun update`.
    checked = os.path.join(NB, "backprop-checked.md")
    with open(os.path.join(REPO, "notebooks", "backprop.md"), encoding="utf-8") as f:
        text = documenting_every_cell(f.read())
    if not os.path.exists(checked) or open(checked, encoding="utf-8").read() != text:
        with open(checked, "w", encoding="utf-8") as f:
            f.write(text)
    subprocess.run([nbrun, "update", checked], env=env, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(seed_home, "nbrun")


def documenting_every_cell(text):
    """text with an empty ```output block after each ```swift-cell that has none."""
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        out.append(lines[i])
        if lines[i].startswith("```swift-cell"):
            i += 1
            while i < len(lines) and lines[i] != "```":
                out.append(lines[i])
                i += 1
            out.append("```")
            j = i + 1
            while j < len(lines) and lines[j] == "":
                j += 1
            if j >= len(lines) or not lines[j].startswith("```output"):
                out += ["", "```output", "```"]
        i += 1
    return "\n".join(out)


def run_all(benches, args, base_env):
    by_key = {b.key: b for b in benches}
    rounds = max(b.runs or args.runs for b in benches)
    log = os.path.join(OUT, "logs")
    os.makedirs(log, exist_ok=True)
    # One untimed run each: fills warm caches, checks every command works.
    for b in benches:
        if b.prepare:
            b.prepare()
        if callable(b.cmd):
            b.cmd = b.cmd()
        secs, code, _, _, _ = run_once(b.cmd, b.environment(base_env), b.cwd, f"{log}/{b.key}.warmup", False)
        if code not in b.codes:
            sys.exit(f"run.py: {b.key} failed (exit {code}); see {log}/{b.key}.warmup")
        print(f"  warm-up {b.key}: {secs:.3f}s", flush=True)
    for r in range(rounds):
        for b in benches:
            if r >= (b.runs or args.runs):
                continue
            if b.prepare:
                b.prepare()
            path = f"{log}/{b.key}.{r}"
            secs, code, _, _, cpu = run_once(b.cmd, b.environment(base_env), b.cwd, path, False)
            if code not in b.codes:
                sys.exit(f"run.py: {b.key} failed (exit {code}); see {path}")
            b.times.append(secs)
            b.cpu.append(cpu)
            if b.parse:
                b.parsed.append(b.parse(read_output(b, path)))
        print(f"  round {r + 1}/{rounds} done", flush=True)
    for r in range(args.mem_runs):
        for b in benches:
            if not b.memory or r >= min(args.mem_runs, b.runs or args.runs):
                continue
            if b.prepare:
                b.prepare()
            _, code, peak, maxrss, _ = run_once(b.cmd, b.environment(base_env), b.cwd, f"{log}/{b.key}.mem{r}", True)
            b.peaks.append(peak)
            b.maxrss.append(maxrss)
        print(f"  memory pass {r + 1}/{args.mem_runs} done", flush=True)
    return by_key


def read_output(b, path):
    """What a run printed; for nbrun render, the report it wrote (cell output is there)."""
    if "-o" in b.cmd and b.cmd[b.cmd.index("-o") + 1].endswith(".md"):
        path = b.cmd[b.cmd.index("-o") + 1]
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


# MARK: - Reporting

def mib(x):
    return x / (1 << 20)


def machine_facts(nbrun, label):
    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True, cwd=REPO).stdout.strip()
        except OSError:
            return "?"
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
    os_name = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release")
                    if l.startswith("PRETTY_NAME")), platform.platform())
    py = os.path.join(VBIN, "python")
    versions = sh(f"{py} -m pip list --format=freeze 2>/dev/null | grep -iE "
                  "'^(nbconvert|ipykernel|nbval|pytest|papermill|numpy|scipy|jupyter_client|nbclient|psutil|threadpoolctl)=='")
    blas = sh(f"env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE {py} -c "
              "'import numpy, threadpoolctl, json; print(json.dumps([{k: i.get(k) for k in "
              "(\"internal_api\",\"version\",\"architecture\",\"threading_layer\",\"num_threads\")} "
              "for i in threadpoolctl.threadpool_info()]))'")
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu, "cores": os.cpu_count(), "memory": f"{int(mem) / (1 << 20):.1f} GiB", "os": os_name,
        "kernel": platform.release(),
        "swift": sh("swift --version 2>&1 | head -1"),
        "python": sh(f"{py} --version"), "packages": versions.replace("\n", ", "), "blas": blas,
        "openblas_env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
        "nbrun_commit": sh("git rev-parse --short HEAD") + (" + uncommitted changes" if sh("git status --porcelain") else ""),
        "nbrun_binary": f"{os.path.relpath(nbrun, REPO)} ({label})",
        "nbrun_version": sh(f"{nbrun} --version"),
        "hyperfine": sh("hyperfine --version"),
    }


def summarize(by_key):
    rows = {}
    for key, b in by_key.items():
        ts = sorted(b.times)
        rows[key] = {"label": b.label, "group": b.group, "vs": b.vs, "runs": len(ts),
                     "median": statistics.median(ts), "min": ts[0], "max": ts[-1], "cpu": statistics.median(b.cpu),
                     "peak_tree_mib": mib(statistics.median(b.peaks)) if b.peaks else None,
                     "max_process_mib": mib(max(b.maxrss)) if b.maxrss else None,
                     "samples": b.times, "cpu_samples": b.cpu, "peaks": b.peaks, "maxrss": b.maxrss, "parsed": b.parsed}
    for row in rows.values():
        ref = rows.get(row["vs"])
        row["ratio"] = row["median"] / ref["median"] if ref else None
    return rows


def inner_medians(row):
    """Median over runs of each value the run printed (loop seconds, per-product times)."""
    names = sorted({k for p in row["parsed"] for k in p}, key=lambda k: [int(x) if x.isdigit() else x
                                                                         for x in re.split(r"(\d+)", k)])
    return {k: statistics.median(p[k] for p in row["parsed"] if k in p) for k in names}


def fmt(x, digits=3):
    return "–" if x is None else f"{x:.{digits}f}"


def render(rows, facts, args):
    out = []
    out.append(f"# nbrun benchmark results\n\n{facts['date']}: {args.runs} timed runs per benchmark "
               f"(unless noted), {args.mem_runs} separate memory runs.\n")
    out.append("| benchmark | runs | median s | min s | max s | CPU s | peak tree MiB | max process MiB | ratio | vs |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for key, r in rows.items():
        vs = f"`{r['vs']}`" if r["vs"] else ""
        out.append(f"| `{key}` {r['label']} | {r['runs']} | {fmt(r['median'])} | {fmt(r['min'])} | "
                   f"{fmt(r['max'])} | {fmt(r['cpu'])} | {fmt(r['peak_tree_mib'], 1)} | {fmt(r['max_process_mib'], 1)} | "
                   f"{fmt(r['ratio'], 3)}× | {vs} |")
    out.append("\nratio = this median ÷ the median of the benchmark named in *vs*. CPU s = median user+sys "
               "time of the process and the descendants it waited for (less sensitive to other load than wall time).\n")

    out.append("## Timed inside the process\n")
    out.append("| what | nbrun (Swift) | numpy | ratio Swift/numpy |")
    out.append("|---|---:|---:|---:|")
    xs, xn = inner_medians(rows["xor-nbrun"]), inner_medians(rows["xor-numpy"])
    if "loop" in xs and "loop" in xn:
        out.append(f"| XOR {args.xor_steps}-step training loop, s | {xs['loop']:.4f} | {xn['loop']:.4f} | "
                   f"{xs['loop'] / xn['loop']:.2f}× |")
    if "loop cpu" in xs and "loop cpu" in xn:
        out.append(f"| XOR {args.xor_steps}-step training loop, CPU s | {xs['loop cpu']:.4f} | {xn['loop cpu']:.4f} | "
                   f"{xs['loop cpu'] / xn['loop cpu']:.2f}× |")
    ms, mn = inner_medians(rows["matmul-nbrun"]), inner_medians(rows["matmul-numpy"])
    for n in [k for k in ms if k.isdigit()]:
        for k in [k for k in mn if k.split()[0] == n]:
            out.append(f"| `a ⋅ b` {n}×{n} per product, ms (numpy {k.split()[1]}) | {ms[n] * 1e3:.4f} | "
                       f"{mn[k] * 1e3:.4f} | {ms[n] / mn[k]:.2f}× |")
    out.append("")

    def wall(a, b):
        return rows[a]["median"] / rows[b]["median"]

    def cpu(a, b):
        return rows[a]["cpu"] / rows[b]["cpu"] if rows[b]["cpu"] else None

    first = rows.get(f"scale-{args.scale[0]}-cold", {}).get("median")
    goals = [  # (goal, measured wall ratio, target, CPU-time ratio); the targets of issue 16
        ("warm `nbrun backprop.md` ≤ 0.01× nbconvert --to html", wall("nbrun-warm", "nbconvert-html"), 0.01,
         cpu("nbrun-warm", "nbconvert-html")),
        ("warm `nbrun backprop.md` ≤ 0.05× plain python3", wall("nbrun-warm", "python"), 0.05,
         cpu("nbrun-warm", "python")),
        ("cold `nbrun backprop.md` ≤ 0.6× plain python3", wall("nbrun-cold", "python"), 0.6, cpu("nbrun-cold", "python")),
        ("cold `nbrun backprop.md` ≤ 0.1× nbconvert --to html", wall("nbrun-cold", "nbconvert-html"), 0.1,
         cpu("nbrun-cold", "nbconvert-html")),
        ("warm `nbrun check` (every cell documented) vs `pytest --nbval` (no target)",
         wall("nbrun-check-doc", "nbval"), None, cpu("nbrun-check-doc", "nbval")),
        (f"XOR {args.xor_steps} steps, whole process, nbrun warm ≤ 1.5× python3+numpy",
         wall("xor-nbrun", "xor-numpy"), 1.5, cpu("xor-nbrun", "xor-numpy")),
    ]
    if "loop" in xs and "loop" in xn:
        goals.append((f"XOR {args.xor_steps} steps, loop only ≤ 1.5× numpy", xs["loop"] / xn["loop"], 1.5, None))
    for k in [k for k in mn if k.split()[0] == "512"]:
        if "512" in ms:
            goals.append((f"matmul 512 per product ≤ 1.5× numpy ({k.split()[1]})", ms["512"] / mn[k], 1.5, None))
    if first and f"scale-{args.scale[-1]}-cold" in rows:
        goals.append((f"{args.scale[-1]}-cell cold ≤ 10× {args.scale[0]}-cell cold",
                      rows[f"scale-{args.scale[-1]}-cold"]["median"] / first, 10, None))
    if "nbrun-first" in rows:
        goals.append(("first-ever run (builds the runtime) ≤ 3 s", rows["nbrun-first"]["median"], 3, None, " s"))
    jt = rows["nbconvert-html"]["peak_tree_mib"]
    for key in ("nbrun-warm", "nbrun-cold"):
        if jt and rows[key]["peak_tree_mib"]:
            goals.append((f"peak tree memory `{key}` ≤ 1.2× nbconvert --to html tree",
                          rows[key]["peak_tree_mib"] / jt, 1.2, None))
    out.append("## Goals\n")
    out.append("| goal | measured | target | met | CPU-time ratio |")
    out.append("|---|---:|---:|---|---:|")
    for text, value, target, cpu_ratio, *unit in goals:
        unit = unit[0] if unit else "×"  # a ratio unless the goal names its unit
        met = "–" if target is None else ("yes" if value <= target else f"**no** ({value / target:.1f}× over)")
        out.append(f"| {text} | {value:.3f}{unit} | {'–' if target is None else f'{target}{unit}'} | {met} | "
                   f"{'–' if cpu_ratio is None else f'{cpu_ratio:.3f}×'} |")
    out.append("")

    out += issue20_section(rows, args)
    out += baseline_comparison(rows) + [""]
    out.append("## Machine\n")
    for k, v in facts.items():
        out.append(f"- {k}: {v}")
    load = lambda la: " ".join(f"{x:.2f}" for x in la)
    out.append(f"- load average (1, 5, 15 min) at start / end: {load(args.load_start)} / {load(os.getloadavg())}")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", 10)))
    parser.add_argument("--first-runs", type=int, default=int(os.environ.get("FIRST_RUNS", 0)),
                        help="runs of the first-ever (runtime build) benchmark; default min(runs, 3)")
    parser.add_argument("--mem-runs", type=int, default=int(os.environ.get("MEM_RUNS", 3)))
    parser.add_argument("--matmul-runs", type=int, default=int(os.environ.get("MATMUL_RUNS", 3)),
                        help="whole-notebook runs of the matmul benchmarks (each already repeats inside)")
    parser.add_argument("--scale", default=os.environ.get("SCALE", "10,100,500"))
    parser.add_argument("--xor-steps", type=int, default=10000)
    parser.add_argument("--only", default=os.environ.get("ONLY", ""),
                        help="comma-separated groups: backprop,check,scale,keepgoing,xor,matmul,lesson,softmax "
                             "(default all)")
    parser.add_argument("--nbrun", default=os.environ.get("NBRUN", ""))
    parser.add_argument("--baseline", default=os.environ.get("BASELINE", ""),
                        help="another nbrun binary whose XOR loop is timed beside this one's (a before/after)")
    args = parser.parse_args()
    args.scale = [int(n) for n in args.scale.split(",") if n]
    args.load_start = os.getloadavg()

    release = os.path.join(REPO, ".build-release", "release", "nbrun")
    nbrun = args.nbrun or (release if os.access(release, os.X_OK) else os.path.join(REPO, ".build", "debug", "nbrun"))
    nbrun = os.path.abspath(nbrun)
    label = "release" if "/release/" in nbrun else ("debug" if "/debug/" in nbrun else "custom")
    # Time a private copy: the build folder's binary may be rebuilt while this runs.
    source = nbrun
    nbrun = os.path.join(BENCH, "bin", f"nbrun-{label}")
    os.makedirs(os.path.dirname(nbrun), exist_ok=True)
    shutil.copy2(source, nbrun + ".tmp")
    os.replace(nbrun + ".tmp", nbrun)
    built = datetime.datetime.fromtimestamp(os.path.getmtime(source)).strftime("%Y-%m-%d %H:%M")
    label = f"{label}, copied from {os.path.relpath(source, REPO)} built {built}"
    if not os.access(os.path.join(VBIN, "python"), os.X_OK):
        sys.exit("run.py: no venv; run bench/setup.sh first")
    print(f"nbrun: {nbrun} ({label}); {args.runs} runs", flush=True)

    base_env = dict(os.environ)
    base_env["PATH"] = VBIN + os.pathsep + base_env.get("PATH", "")
    runtime_seed = prepare_inputs(nbrun, base_env, args)
    baseline = None
    if args.baseline:
        baseline = os.path.join(BENCH, "bin", "nbrun-baseline")
        shutil.copy2(os.path.abspath(args.baseline), baseline + ".tmp")
        os.replace(baseline + ".tmp", baseline)
        print(f"baseline: {baseline} (copied from {args.baseline})", flush=True)
    wanted = set(args.only.split(",")) if args.only else None
    if wanted is None or wanted & {"lesson", "softmax"}:
        find_programs(nbrun, base_env)
    benches = define(args, nbrun, runtime_seed, baseline)
    if args.only:
        wanted = set(args.only.split(","))
        benches = [b for b in benches if b.group in wanted]
    by_key = run_all(benches, args, base_env)
    rows = summarize(by_key)
    facts = machine_facts(nbrun, label)
    try:
        text = render(rows, facts, args)
    except KeyError as missing:  # a partial run (--only) lacks some rows the goals need
        text = render_partial(rows, facts, args, missing)
    with open(os.path.join(BENCH, "results.md"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(BENCH, "results.json"), "w", encoding="utf-8") as f:
        json.dump({"facts": facts, "rows": rows, "runs": args.runs}, f, indent=1, default=str)
    print(text)


def issue20_section(rows, args):
    """Issue 20's goals: the lesson's program and warm nbrun against numpy, softmax, XOR, matmul."""
    def has(*keys):
        return all(k in rows for k in keys)

    def cpu(a, b):
        return rows[a]["cpu"] / rows[b]["cpu"]

    def wall(a, b):
        return rows[a]["median"] / rows[b]["median"]

    lines = ["## Issue 20: compute against numpy (CPU time is the measure; wall time shown beside it)\n",
             "| comparison | nbrun CPU s | numpy CPU s | CPU ratio | wall ratio | target | met |",
             "|---|---:|---:|---:|---:|---:|---|"]

    def row(text, a, b, target=None):
        ratio = cpu(a, b)
        met = "–" if target is None else ("yes" if ratio <= target else f"**no** ({ratio / target:.2f}× over)")
        lines.append(f"| {text} | {rows[a]['cpu']:.3f} | {rows[b]['cpu']:.3f} | {ratio:.3f}× | {wall(a, b):.3f}× | "
                     f"{'–' if target is None else f'{target}×'} | {met} |")

    if has("lesson-program", "lesson-numpy"):
        row("spiral lesson: the compiled program alone vs `python3 bench/spiral.py`", "lesson-program", "lesson-numpy", 0.5)
    if has("lesson-nbrun", "lesson-numpy"):
        row("spiral lesson: warm `nbrun notebooks/spiral.md` (HTML) vs the numpy script", "lesson-nbrun", "lesson-numpy",
            0.6)
    if has("softmax-program", "softmax-numpy"):
        row("softmax: the compiled program alone vs `python3 bench/softmax.py`", "softmax-program", "softmax-numpy")
    if has("softmax-nbrun", "softmax-numpy"):
        row("softmax: warm `nbrun notebooks/softmax.md` (HTML) vs the numpy script", "softmax-nbrun", "softmax-numpy")
    if has("xor-nbrun", "xor-numpy"):
        row(f"XOR {args.xor_steps} steps, whole process (warm nbrun vs python3)", "xor-nbrun", "xor-numpy")
        xs, xn = inner_medians(rows["xor-nbrun"]), inner_medians(rows["xor-numpy"])
        if "loop cpu" in xs and "loop cpu" in xn:
            ratio = xs["loop cpu"] / xn["loop cpu"]
            wall_ratio = xs["loop"] / xn["loop"] if "loop" in xs and "loop" in xn else float("nan")
            lines.append(f"| XOR {args.xor_steps} steps, the training loop timed inside each process | "
                         f"{xs['loop cpu']:.4f} | {xn['loop cpu']:.4f} | {ratio:.3f}× | {wall_ratio:.3f}× | 0.1× | "
                         f"{'yes' if ratio <= 0.1 else f'**no** ({ratio / 0.1:.2f}× over)'} |")
    if has("matmul-nbrun", "matmul-numpy"):
        mn = inner_medians(rows["matmul-numpy"])
        for key, threads in [("matmul-nbrun", "2"), ("matmul-nbrun-1", "1")]:
            if key not in rows:
                continue
            ms = inner_medians(rows[key])
            swift = ms.get("512") or ms.get("512 threads=1")
            numpy = next((v for k, v in mn.items() if k == f"512 threads={threads}"), None)
            if swift and numpy:
                target = 0.6 if threads == "2" else None
                met = "–" if target is None else ("yes" if swift / numpy <= target else
                                                  f"**no** ({swift / numpy / target:.2f}× over)")
                lines.append(f"| 512×512 `a ⋅ b` per product, {threads} thread(s), ms (wall, inside the process) | "
                             f"{swift * 1e3:.3f} | {numpy * 1e3:.3f} | {swift / numpy:.3f}× | – | "
                             f"{'–' if target is None else f'{target}×'} | {met} |")
    return lines + [""] if len(lines) > 3 else []


def baseline_comparison(rows):
    """Lines comparing the XOR loop with the --baseline nbrun's, when it ran."""
    if "xor-nbrun-baseline" not in rows:
        return []
    now, before = inner_medians(rows["xor-nbrun"]), inner_medians(rows["xor-nbrun-baseline"])
    lines = ["\n## XOR loop against the baseline nbrun\n", "| what | this nbrun | baseline | ratio |",
             "|---|---:|---:|---:|"]
    for key, what in [("loop", "loop wall s (median)"), ("loop cpu", "loop CPU s (median)")]:
        if key in now and key in before:
            lines.append(f"| {what} | {now[key]:.4f} | {before[key]:.4f} | {now[key] / before[key]:.3f}× |")
    for key, what in [("loop", "loop wall s (min)"), ("loop cpu", "loop CPU s (min)")]:
        a = [p[key] for p in rows["xor-nbrun"]["parsed"] if key in p]
        b = [p[key] for p in rows["xor-nbrun-baseline"]["parsed"] if key in p]
        if a and b:
            lines.append(f"| {what} | {min(a):.4f} | {min(b):.4f} | {min(a) / min(b):.3f}× |")
    lines.append(f"| whole process CPU s (median) | {rows['xor-nbrun']['cpu']:.4f} | "
                 f"{rows['xor-nbrun-baseline']['cpu']:.4f} | {rows['xor-nbrun']['cpu'] / rows['xor-nbrun-baseline']['cpu']:.3f}× |")
    return lines


def render_partial(rows, facts, args, missing):
    lines = [f"# nbrun benchmark results (partial: {missing} not run)\n",
             "| benchmark | runs | median s | min s | max s | CPU s | peak tree MiB | max process MiB | ratio | vs |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for key, r in rows.items():
        lines.append(f"| `{key}` {r['label']} | {r['runs']} | {fmt(r['median'])} | {fmt(r['min'])} | "
                     f"{fmt(r['max'])} | {fmt(r['cpu'])} | {fmt(r['peak_tree_mib'], 1)} | {fmt(r['max_process_mib'], 1)} | "
                     f"{fmt(r['ratio'])}× | {r['vs'] or ''} |")
        if r["parsed"]:
            lines.append(f"|  ↳ printed (median) | {inner_medians(r)} ||||||||")
    lines += [""] + issue20_section(rows, args)
    lines += baseline_comparison(rows)
    lines.append("\n## Machine\n")
    lines += [f"- {k}: {v}" for k, v in facts.items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
