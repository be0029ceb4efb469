"""Rebuilds the original Jupyter notebook from its text dump in shared/seed.

The seed is a notebook saved as text: markdown cells as written, each code cell
introduced by an `In [N]:` line (N may be `None`), and the last cell's printed
output after two blank lines. This writes

- `backprop.ipynb`: a real nbformat-4 notebook with the same cells and execution
  counts, and the `In [8]` cell's output as a stored stream output, so that
  `pytest --nbval` has a documented output to compare;
- `backprop.py`: the code cells joined into a plain Python script.

Usage: python bench/make_ipynb.py [--seed FILE] [--out-dir DIR]
"""
import argparse
import glob
import os
import re
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

HERE = os.path.dirname(os.path.abspath(__file__))
PROMPT = re.compile(r"^In \[(\d+|None| )\]:$")
HEADING = re.compile(r"^#{1,6} \S")


def default_seed():
    """The seed text in ../shared/seed, beside the repository's folder (as checked out)."""
    folder = os.path.join(HERE, "..", "..", "shared", "seed")
    found = sorted(glob.glob(os.path.join(folder, "*.txt")))
    if found:
        return found[0]
    sys.exit(f"make_ipynb: no seed text in {os.path.normpath(folder)}; pass --seed FILE")


def parse(text):
    """Splits the seed into [(kind, source, execution_count, output)] cells.

    A code cell starts at an `In [N]:` line. It ends at a markdown heading that
    stands between blank lines (a `# comment` inside code is followed by code, not by
    a blank line), or at two blank lines, after which the rest is the cell's output.
    """
    lines = text.splitlines()
    cells = []
    i = 0
    while i < len(lines):
        match = PROMPT.match(lines[i])
        if match:
            count = None if match.group(1) in ("None", " ") else int(match.group(1))
            i += 1
            body, output = [], None
            while i < len(lines):
                line = lines[i]
                blank_before = not body or body[-1] == ""
                nxt = lines[i + 1] if i + 1 < len(lines) else ""
                if PROMPT.match(line):
                    break
                if HEADING.match(line) and blank_before and nxt == "" and body:
                    break
                if line == "" and nxt == "" and body and body[-1] != "":
                    # Two blank lines: what follows (up to a heading or prompt) is output.
                    j = i
                    while j < len(lines) and lines[j] == "":
                        j += 1
                    rest = []
                    while j < len(lines) and not PROMPT.match(lines[j]) and not HEADING.match(lines[j]):
                        rest.append(lines[j])
                        j += 1
                    while rest and rest[-1] == "":
                        rest.pop()
                    output = "\n".join(rest) + "\n" if rest else None
                    i = j
                    break
                body.append(line)
                i += 1
            while body and body[-1] == "":
                body.pop()
            cells.append(("code", "\n".join(body), count, output))
        else:
            body = []
            while i < len(lines) and not PROMPT.match(lines[i]):
                body.append(lines[i])
                i += 1
            while body and body[-1] == "":
                body.pop()
            while body and body[0] == "":
                body.pop(0)
            if body:
                cells.append(("markdown", "\n".join(body), None, None))
    return cells


def build(cells):
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for kind, source, count, output in cells:
        if kind == "markdown":
            nb.cells.append(new_markdown_cell(source))
        else:
            outputs = [new_output("stream", name="stdout", text=output)] if output else []
            nb.cells.append(new_code_cell(source, execution_count=count, outputs=outputs))
    nbformat.validate(nb)
    return nb


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", default=None)
    parser.add_argument("--out-dir", default=os.path.join(HERE, "..", ".build-bench"))
    args = parser.parse_args()
    seed = args.seed or default_seed()
    with open(seed, encoding="utf-8") as f:
        cells = parse(f.read())

    code = [c for c in cells if c[0] == "code"]
    with_output = [c for c in code if c[3]]
    # The seed this was written for: 6 code cells, the last one with printed output.
    if len(code) < 1 or len(with_output) != 1:
        sys.exit(f"make_ipynb: unexpected seed shape: {len(code)} code cells, {len(with_output)} with output")

    os.makedirs(args.out_dir, exist_ok=True)
    nb = build(cells)
    nbformat.write(nb, os.path.join(args.out_dir, "backprop.ipynb"))
    script = "\n\n".join(c[1] for c in code) + "\n"
    with open(os.path.join(args.out_dir, "backprop.py"), "w", encoding="utf-8") as f:
        f.write('"""The original notebook\'s code cells as a plain script (generated by bench/make_ipynb.py)."""\n')
        f.write(script)
    print(f"make_ipynb: {len(cells)} cells ({len(code)} code) from {os.path.relpath(seed)} "
          f"-> {os.path.relpath(args.out_dir)}/backprop.ipynb, backprop.py")


if __name__ == "__main__":
    main()
