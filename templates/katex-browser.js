// Typesets the formulas nbrun marked, in the reader's browser. nbrun does this itself with
// node when it writes the report, and puts this script in the page only when node is missing.
// Only elements of class "math" are read, each holding its TeX between \( \) or \[ \], so a
// "\(" elsewhere in the page is left alone. nbrunMacros (the front matter's macros) is shared
// and definitions are global, so a \newcommand holds in the formulas after it. A formula KaTeX
// can't typeset shows its TeX, marked, with KaTeX's message as its title, as nbrun's own does.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".math").forEach(function (element) {
    var tex = /^\\[\[(]([\s\S]*)\\[\])]$/.exec(element.textContent);
    if (!tex) return;
    try {
      // renderToString, not render: render refuses a page without a doctype (quirks mode).
      element.innerHTML = katex.renderToString(tex[1], {
        displayMode: element.classList.contains("display"), throwOnError: true, strict: "ignore",
        macros: nbrunMacros, globalGroup: true
      });
    } catch (error) {
      var mark = document.createElement("span");
      mark.className = "math-error";
      mark.title = "KaTeX: " + error.message;
      mark.textContent = tex[1];
      element.replaceChildren(mark);
    }
  });
});
