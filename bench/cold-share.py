#!/usr/bin/env python3
"""A cold nbrun run against the bare swiftc compile it runs (issue 21's fourth goal).

For each nbrun binary given (--nbrun, repeatable, e.g. main's and a branch's):

1. Warms a cache of its own (.build-bench/cache/cold-share-N: the runtime, clang's module
   cache, the syntax and math caches), as a cold run in bench/run.py has them.
2. Captures the program that nbrun compiles: one cold run through swiftc's driver
   (NBRUN_COMPILE=driver; other runs skip the driver and run its jobs) under `strace -f`, with the
   removal of nbrun's scratch folder suppressed (strace's fault injection), gives swiftc's
   arguments and the generated files, copied to .build-bench/cold-share/N/program. The
   replay leaves out `-serialize-diagnostics` and its file map, which only nbrun reads.

Then, RUNS rounds, each running every binary's cold nbrun (its cache's `programs` folder
removed first), its bare swiftc (the same arguments on the same files) and that swiftc's
jobs without the driver (`swiftc -###`: frontend, swift-autolink-extract, clang, one after
another; nbrun runs these since the driver's own start was 35 ms), interleaved so
that load from elsewhere falls on all alike. Wall time from spawn to wait4; CPU time is
user+sys of the process and the children it waited for. Prints medians, ratios and the
load average before and after.

    bench/cold-share.py [--nbrun PATH]... [--notebook notebooks/backprop.md] [--runs 5]

Time nbrun as users install it: scripts/install builds it with
`swift build -c release --static-swift-stdlib --product nbrun`, which starts 5-6 ms sooner
than a build that loads Swift's libraries at run time.
"""
import argparse, ast, os, re, shlex, shutil, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--nbrun", action="append", help="an nbrun binary (repeat to compare several)")
parser.add_argument("--notebook", default=os.path.join(root, "notebooks/backprop.md"))
parser.add_argument("--runs", type=int, default=5)
args = parser.parse_args()
if not args.nbrun:
    default = os.path.join(root, ".build/release/nbrun")
    args.nbrun = [default if os.path.exists(default) else os.path.join(root, ".build/debug/nbrun")]


def timed(cmd, env, cwd=None):
    """(wall s, CPU s) of one run of cmd, which must succeed."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{cmd[0]} failed: {proc.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime


class Subject:
    def __init__(self, number, binary):
        self.binary = binary
        self.work = os.path.join(root, ".build-bench", "cold-share", str(number))
        cache = os.path.join(root, ".build-bench", "cache", f"cold-share-{number}")
        self.programs = os.path.join(cache, "nbrun", "programs")
        os.makedirs(self.work, exist_ok=True)
        self.env = dict(os.environ, XDG_CACHE_HOME=cache)
        self.nbrun = [os.path.abspath(binary), os.path.abspath(args.notebook), "-o",
                      os.path.join(self.work, "report.html")]
        self.cold_runs, self.swiftc_runs = [], []
        timed(self.nbrun, self.env)  # the runtime, clang's module cache, syntax, math
        self.cold()
        self.capture()
        timed(self.replay, self.env, cwd=self.program)  # warm-up

    def cold(self):
        shutil.rmtree(self.programs, ignore_errors=True)
        return timed(self.nbrun, self.env)

    def capture(self):
        trace = os.path.join(self.work, "capture.strace")
        shutil.rmtree(self.programs, ignore_errors=True)
        # Through the driver (NBRUN_COMPILE=driver), so the trace holds the swiftc call a
        # user would type; cold runs then run the driver's jobs without it, as nbrun does.
        subprocess.run(["strace", "-f", "-s", "1000000", "-o", trace, "-e", "trace=execve,rmdir,unlink,unlinkat",
                        "-e", "inject=rmdir,unlink,unlinkat:retval=0"] + self.nbrun,
                       env=dict(self.env, NBRUN_COMPILE="driver"), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        call = None
        for line in open(trace, encoding="utf-8", errors="replace"):
            m = re.search(r'execve\("([^"]*/swiftc)", (\[.*?\]), 0x', line)
            if m:
                call = ast.literal_eval(m.group(2))
                break
        if call is None:
            sys.exit("no swiftc call in " + trace)
        folder = os.path.dirname(call[call.index("-output-file-map") + 1])
        self.program = os.path.join(self.work, "program")
        shutil.rmtree(self.program, ignore_errors=True)
        shutil.copytree(folder, self.program)
        shutil.rmtree(folder, ignore_errors=True)
        self.replay, skip = [], 0
        for a in call:
            if skip:
                skip -= 1
            elif a == "-serialize-diagnostics":
                pass
            elif a == "-output-file-map":
                skip = 1
            else:
                self.replay.append(a)
        with open(os.path.join(self.work, "swiftc-args.txt"), "w") as f:
            f.write("\n".join(self.replay) + "\n")
        # The same compile's jobs (`swiftc -###`), to run without the driver: the
        # compiler's own time. The driver's temporary folder becomes a fresh one per run.
        listed = subprocess.run([self.replay[0], "-###"] + self.replay[1:], cwd=self.program, env=self.env,
                                capture_output=True, text=True, check=True).stdout
        self.jobs = [shlex.split(line) for line in listed.splitlines() if line.strip()]
        frontend = self.jobs[0]
        self.temporary = os.path.dirname(frontend[frontend.index("-o") + 1])
        # From three files on, the frontend reads its outputs from a map the driver wrote there.
        self.maps = {name: open(os.path.join(self.temporary, name)).read() for name in os.listdir(self.temporary)}
        shutil.rmtree(self.temporary, ignore_errors=True)
        self.jobs_runs = []

    def bare_jobs(self):
        """(wall s, CPU s) of the compile's jobs run one after another, as the driver would."""
        folder = tempfile.mkdtemp()
        for name, text in self.maps.items():
            with open(os.path.join(folder, name), "w") as f:
                f.write(text)
        wall = cpu = 0.0
        for job in self.jobs:
            w, c = timed([a.replace(self.temporary, folder) for a in job], self.env, cwd=self.program)
            wall, cpu = wall + w, cpu + c
        shutil.rmtree(folder)
        return wall, cpu

    def round(self):
        self.cold_runs.append(self.cold())
        self.swiftc_runs.append(timed(self.replay, self.env, cwd=self.program))
        self.jobs_runs.append(self.bare_jobs())


subjects = [Subject(n, b) for n, b in enumerate(args.nbrun)]
load_before = os.getloadavg()
for _ in range(args.runs):
    for subject in subjects:
        subject.round()
load_after = os.getloadavg()


def med(samples, i):
    return statistics.median(s[i] for s in samples)


print(f"{os.path.relpath(args.notebook, root)}, {args.runs} rounds; load average before "
      f"{load_before[0]:.2f} {load_before[1]:.2f}, after {load_after[0]:.2f} {load_after[1]:.2f}")
for subject in subjects:
    nb, sw = subject.cold_runs, subject.swiftc_runs
    print(f"\n{subject.binary}")
    print(f"  {'':26} {'median wall s':>14} {'median CPU s':>13}   (each run's wall s)")
    print(f"  {'bare swiftc (same call)':26} {med(sw, 0):14.3f} {med(sw, 1):13.3f}   "
          + " ".join(f"{w:.3f}" for w, _ in sw))
    jb = subject.jobs_runs
    print(f"  {'its jobs, without driver':26} {med(jb, 0):14.3f} {med(jb, 1):13.3f}   "
          + " ".join(f"{w:.3f}" for w, _ in jb))
    print(f"  {'cold nbrun':26} {med(nb, 0):14.3f} {med(nb, 1):13.3f}   " + " ".join(f"{w:.3f}" for w, _ in nb))
    print(f"  {'ratio to bare swiftc':26} {med(nb, 0) / med(sw, 0):13.2f}x {med(nb, 1) / med(sw, 1):12.2f}x")
    print(f"  {'ratio to its jobs':26} {med(nb, 0) / med(jb, 0):13.2f}x {med(nb, 1) / med(jb, 1):12.2f}x")
