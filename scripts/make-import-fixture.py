"""Writes Tests/TestSupport/Fixtures/import/lesson.ipynb: a small numpy lesson made and
executed by the Jupyter stack (nbformat builds it, nbconvert's ExecutePreprocessor runs it
with the python3 kernel), so `nbrun import` is tested on outputs Jupyter itself saved.

Its cells print with print(), show a value (execute_result, text/plain), write to stderr,
draw a matplotlib figure (display_data, image/png) and raise an error on purpose.

Usage: python3 scripts/make-import-fixture.py   (needs nbformat, nbconvert, ipykernel,
numpy and matplotlib; the test reads the file, it doesn't run this)
"""
import os

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "TestSupport", "Fixtures", "import", "lesson.ipynb")

cells = [
    new_markdown_cell("# A softmax by hand\n\nThe softmax of a score vector $s$ is\n\n"
                      "$$p_k = \\frac{e^{s_k}}{\\sum_j e^{s_j}}$$\n\nand $p_k$ sums to $1$."),
    new_code_cell("import numpy as np\nimport matplotlib\nmatplotlib.use('Agg')\n"
                  "import matplotlib.pyplot as plt\n%matplotlib inline"),
    new_code_cell("s = np.array([2.0, 1.0, 0.1])\np = np.exp(s) / np.sum(np.exp(s))\n"
                  "print(p)\nprint(\"sum:\", p.sum())"),
    new_markdown_cell("The value of the last line is shown too:"),
    new_code_cell("np.round(p, 3)"),
    new_code_cell("import sys\nprint('working...', file=sys.stderr)\nfor k in range(3):\n"
                  "    print(k, f\"{p[k]:.4f}\")"),
    new_code_cell("plt.figure(figsize=(2, 1.5), dpi=40)\nplt.bar(range(3), p)\nplt.show()"),
    new_code_cell("np.dot(np.ones((3, 2)), np.ones((3, 2)))"),
]
nb = new_notebook(cells=cells)
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
ExecutePreprocessor(timeout=120, kernel_name="python3", allow_errors=True).preprocess(nb, {"metadata": {"path": HERE}})
nbformat.validate(nb)
nbformat.write(nb, OUT)
print("wrote", os.path.relpath(OUT))
