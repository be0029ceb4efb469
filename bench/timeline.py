"""Summarizes `strace -f -ttt -e trace=execve,exit_group -o FILE` into a timeline.

Prints, for each process that was exec'd, when it started and how long it ran, relative
to the first exec; and the gaps where only the root process (nbrun itself) ran.
Usage: python bench/timeline.py STRACE_FILE
"""
import re
import sys

rows = []  # (pid, start, end, program)
start_of, name_of = {}, {}
t0 = None
root = None
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.match(r"(\d+)\s+([\d.]+)\s+(.*)", line)
    if not m:
        continue
    pid, t, rest = int(m.group(1)), float(m.group(2)), m.group(3)
    if t0 is None:
        t0, root = t, pid
    if rest.startswith("execve(") and "= -1" not in rest:
        start_of[pid] = t - t0
        name_of[pid] = re.match(r'execve\("([^"]*)"', rest).group(1).rsplit("/", 1)[-1]
        detail = re.findall(r'"(-frontend|-c|-emit-module|-modulewrap|-emit-library|-typecheck)"', rest)
        if detail:
            name_of[pid] += " " + " ".join(dict.fromkeys(detail))
    elif (rest.startswith("+++ exited") or rest.startswith("+++ killed")) and pid in start_of:
        rows.append((pid, start_of.pop(pid), t - t0, name_of[pid]))

rows.sort(key=lambda r: r[1])
total = max(r[2] for r in rows)
print(f"{'start s':>8} {'end s':>8} {'dur s':>7}  process")
for pid, s, e, n in rows:
    print(f"{s:8.3f} {e:8.3f} {e - s:7.3f}  {n}")
children = sorted((s, e) for pid, s, e, n in rows if pid != root)
busy, last = 0.0, None
for s, e in children:
    if last is None or s > last:
        busy += e - s
        last = e
    elif e > last:
        busy += e - last
        last = e
print(f"total {total:.3f} s; child processes (swiftc, program) cover {busy:.3f} s; "
      f"nbrun alone {total - busy:.3f} s")
