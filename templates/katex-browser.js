// Typesets the formulas nbrun marked, in the browser: nbrun does this itself with node
// when it writes the report, and puts this script in the page only when node is missing.
// Only elements of class "math" are read, so a "\(" elsewhere in the page is left alone.
// nbrunMacros (the front matter's macros) is shared, so a \newcommand holds in later formulas.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".math").forEach(function (element) {
    renderMathInElement(element, {
      delimiters: [{left: "\\[", right: "\\]", display: true}, {left: "\\(", right: "\\)", display: false}],
      ignoredTags: [], throwOnError: false, macros: nbrunMacros, globalGroup: true
    });
  });
});
