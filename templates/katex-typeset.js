// Typesets a report's formulas with KaTeX under node, for nbrun.
//
//   node katex-typeset.js KATEX_JS REQUEST_JSON
//
// The request is {"macros": {...}, "formulas": [{"tex": "...", "display": false, "isolated": false}]}.
// Prints one JSON array, one entry per formula, in order: {"html": "..."} when KaTeX typeset it,
// else {"error": "...", "position": N} (N: the UTF-16 offset in the TeX, or null).
//
// The formulas of the prose share one macros object, in document order, with globalGroup,
// so a \newcommand or \def in one formula holds in the later ones. Isolated formulas (nbrun's
// own, such as tensor matrices) see none of the author's macros.
"use strict";
const fs = require("fs");
const katex = require(process.argv[2]);
const request = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const macros = Object.assign({}, request.macros);

// Links are allowed (http, https and relative ones); any other command that needs KaTeX's
// trust option is refused, and said so, rather than drawn in red.
let refused = null;
function trust(context) {
  const link = context.command === "\\href" || context.command === "\\url";
  if (link && ["http", "https", "_relative"].includes(context.protocol)) return true;
  refused = refused || context.command;
  return false;
}

function typeset(formula) {
  refused = null;
  const options = {
    displayMode: formula.display, throwOnError: true, strict: "ignore", trust: trust,
    macros: formula.isolated ? {} : macros, globalGroup: !formula.isolated,
  };
  try {
    const html = katex.renderToString(formula.tex, options);
    if (refused) return { error: refused + " is not allowed in nbrun reports", position: null };
    return { html: html };
  } catch (error) {
    if (!(error instanceof katex.ParseError)) return { error: String(error && error.message || error), position: null };
    // "KaTeX parse error: Expected '}', got 'EOF' at end of input: \frac{1}{2" → "Expected '}', got 'EOF'"
    let message = error.message.replace(/^KaTeX parse error: /, "");
    const context = message.search(/ at position \d+: | at end of input: /);
    if (context >= 0) message = message.slice(0, context);
    return { error: message, position: typeof error.position === "number" ? error.position : null };
  }
}

process.stdout.write(JSON.stringify(request.formulas.map(typeset)));
