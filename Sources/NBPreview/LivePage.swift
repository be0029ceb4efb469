import Foundation

/// The page the preview serves: the latest report, with what the preview adds to it.
///
/// The preview adds three things and changes nothing else: a style sheet, a banner with
/// the diagnostics when the latest save could not be run, and a script that reloads the
/// page when a new report is ready (keeping the scroll position). When the report shown
/// is older than the notebook, every output in it is marked stale.
struct LivePage: Equatable, Sendable {
    /// The report to show; nil until the first run ends.
    var report: String?
    /// The diagnostics of the latest run, when it could not be run.
    var problems: String?
    /// Whether `report` is from an earlier save than the one `problems` is about.
    var stale = false
    /// Which page this is; the script asks the server for anything newer.
    var version = 0
    /// Where the outputs shown come from, when not simply from a fresh run.
    var note: PreviewNote?

    var html: String {
        var page = report ?? Self.waiting
        let style = Self.style + (stale ? Self.staleStyle : "")
        let banner = problems.map { Self.banner($0, stale: stale) } ?? note.map(Self.noteBanner) ?? ""
        let nonce = PreviewPolicy.nonce()
        page = PreviewPolicy.allowingPreview(page, nonce: nonce)
        page.insert(Self.script(version: version, nonce: nonce), beforeLast: "</body>")
        guard let head = page.range(of: "</head>") else { return style + banner + page }
        // The banner goes first in the body; a template without a body gets it after the head.
        var bannerAt = head.upperBound
        if let body = page.range(of: "<body", range: head.upperBound..<page.endIndex),
            let end = page[body.upperBound...].firstIndex(of: ">")
        {
            bannerAt = page.index(after: end)
        }
        page.insert(contentsOf: banner, at: bannerAt)
        page.insert(contentsOf: style, at: head.lowerBound)
        return page
    }

    private static func banner(_ problems: String, stale: Bool) -> String {
        """
        <div id="nbrun-preview-problems" role="alert">
        <p><strong>The notebook as saved can't be run.</strong> \
        \(stale ? "The outputs below are from the last run that could, and are marked stale. " : "")\
        Fix it and save again; the page updates by itself.</p>
        <pre>\(problems.htmlEscaped)</pre>
        </div>
        """
    }

    /// Says where the outputs come from: reused until a fresh run checks them, or what it found.
    private static func noteBanner(_ note: PreviewNote) -> String {
        """
        <div id="nbrun-preview-note" class="\(note.settled ? "settled" : "checking")" role="status">\
        \(note.text.htmlEscaped)</div>
        """
    }

    /// Shown until the first run ends.
    static let waiting = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>nbrun preview</title></head>
        <body><p class="nbrun-preview-waiting">Running the notebook…</p></body></html>
        """

    static let style = """
        <style id="nbrun-preview-style">
        #nbrun-preview-problems { position: sticky; top: 0; z-index: 10; max-height: 40vh; overflow: auto;
          margin: 0; padding: 0.8rem 1.25rem; background: #fdf0ef; color: #b42318;
          border-bottom: 2px solid #b42318; font: 0.9rem/1.5 system-ui, sans-serif; }
        #nbrun-preview-problems p { margin: 0 0 0.4rem; }
        #nbrun-preview-problems pre { margin: 0; white-space: pre-wrap; color: #1d232a;
          font: 0.8rem/1.5 ui-monospace, "DejaVu Sans Mono", monospace; }
        #nbrun-preview-badge { position: fixed; right: 1rem; bottom: 1rem; padding: 0.3rem 0.8rem; border-radius: 1rem;
          background: #1d232a; color: #fff; font: 0.8rem/1.4 system-ui, sans-serif; opacity: 0.85; z-index: 10; }
        .nbrun-preview-waiting { font: 1rem system-ui, sans-serif; color: #5f6b76; text-align: center; margin-top: 4rem; }
        #nbrun-preview-note { position: sticky; top: 0; z-index: 10; margin: 0; padding: 0.5rem 1.25rem;
          font: 0.85rem/1.5 system-ui, sans-serif; background: #eef4fb; color: #1d4f91; border-bottom: 1px solid #9dbbe0; }
        #nbrun-preview-note.settled { background: #eef7ef; color: #24663b; border-bottom-color: #9ccaa8; }
        .cell[data-reuse] .output, .cell[data-reuse] .tensors, .cell[data-reuse] figure {
          outline: 2px dashed #9dbbe0; outline-offset: 3px; }
        .nbrun-pending .output, .nbrun-pending .tensors, .nbrun-pending figure { opacity: 0.55; }
        .nbrun-running { box-shadow: -4px 0 0 #1d4f91; }
        .nbrun-running .cell-status::after { content: " · running…"; color: #1d4f91; }
        .nbrun-done .cell-status::after { content: " · done"; color: #24663b; }
        @media (prefers-color-scheme: dark) {
          #nbrun-preview-note { background: #1b2a3d; color: #a9c8f0; border-bottom-color: #34527a; }
          #nbrun-preview-note.settled { background: #18301f; color: #9fd8ae; border-bottom-color: #2f6a40; }
        }
        @media print { #nbrun-preview-badge, #nbrun-preview-note { display: none; } }
        </style>

        """

    /// Outputs from before the failing save: faded, and labelled stale.
    static let staleStyle = """
        <style id="nbrun-preview-stale">
        .output, .tensors, .error, .not-run { opacity: 0.55; }
        .output-label::after { content: " · stale"; color: #b42318; }
        </style>

        """

    static func script(version: Int, nonce: String = "") -> String {
        """
        <div id="nbrun-preview-badge" hidden></div>
        <script id="nbrun-preview-script" nonce="\(nonce)">
        (function () {
          "use strict";
          var version = \(version), key = "nbrun-preview-scroll:" + location.pathname;
          var badge = document.getElementById("nbrun-preview-badge");
          if ("scrollRestoration" in history) history.scrollRestoration = "manual";
          var saved = Number(sessionStorage.getItem(key));
          sessionStorage.removeItem(key);
          function restore() { if (saved > 0) window.scrollTo(0, saved); }
          restore();
          window.addEventListener("load", restore);
          function show(text) { badge.textContent = text; badge.hidden = !text; }
          var events = new EventSource("/events?since=" + version);
          events.onopen = function () { show(""); };
          events.onerror = function () { show("preview disconnected; retrying…"); };
          function cells() { return Array.prototype.slice.call(document.querySelectorAll("section.cell[id^='cell-']")); }
          events.addEventListener("running", function () {
            show("running…");
            cells().forEach(function (cell) { cell.classList.add("nbrun-pending"); });
          });
          // A run has begun cell N: the cells before it are done, the ones after it wait.
          events.addEventListener("progress", function (event) {
            var current = Number(event.data);
            show("running cell " + current + "…");
            cells().forEach(function (cell) {
              var index = Number(cell.id.slice(5));
              cell.classList.toggle("nbrun-done", index < current);
              cell.classList.toggle("nbrun-running", index === current);
              cell.classList.toggle("nbrun-pending", index > current);
            });
          });
          events.addEventListener("reload", function (event) {
            if (Number(event.data) === version) { show(""); return; }
            sessionStorage.setItem(key, String(window.scrollY));
            location.reload();
          });
        })();
        </script>

        """
    }
}

extension String {
    /// Inserts `text` before the last `marker` (inlined scripts may contain the first), or at the end.
    fileprivate mutating func insert(_ text: String, beforeLast marker: String) {
        insert(contentsOf: text, at: range(of: marker, options: .backwards)?.lowerBound ?? endIndex)
    }

    /// The text with `& < > " '` escaped, for HTML content and attributes.
    var htmlEscaped: String {
        var escaped = ""
        escaped.reserveCapacity(utf8.count)
        for character in self {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
