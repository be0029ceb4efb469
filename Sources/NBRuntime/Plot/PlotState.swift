import Foundation

// MARK: - PlotState

/// The figures of a program: the one `plt` is building, and the finished ones the runner
/// has not taken yet. One instance, `shared`, serves `plt`, as pyplot's global state does.
///
/// Every change is one critical section (`update`), so a read-modify-write never loses
/// an update even if a notebook draws from several threads.
final class PlotState: @unchecked Sendable {
    // @unchecked: all access to `book` goes through `lock`.
    static let shared = PlotState()

    private let lock = NSLock()
    private var book = PlotBook()

    func update<T>(_ body: (inout PlotBook) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&book)
    }
}

/// What `PlotState` guards.
struct PlotBook {
    /// The figure being built, if any, and which of its panels is current.
    var open: Figure?
    var currentPanel = 0
    /// Finished figures, oldest first, until the runner takes them.
    var finished: [Figure] = []

    /// The open figure, started with the default size if there is none.
    mutating func figure() -> Figure {
        if let open { return open }
        let figure = Figure()
        open = figure
        return figure
    }

    /// Changes the current panel, creating a single full-size panel if the figure has none.
    mutating func withPanel(_ body: (inout Figure.Panel) -> Void) {
        var figure = self.figure()
        if figure.panels.isEmpty {
            figure.panels.append(Figure.Panel())
            currentPanel = 0
        }
        open = nil  // keep the figure's storage uniquely referenced while it changes
        body(&figure.panels[currentPanel])
        open = figure
    }

    /// Makes the panel at `rows`×`columns` place `index` current, creating it if needed.
    mutating func selectPanel(rows: Int, columns: Int, index: Int) {
        var figure = self.figure()
        if let existing = figure.panels.firstIndex(where: {
            $0.rows == rows && $0.columns == columns && $0.index == index
        }) {
            currentPanel = existing
        } else {
            figure.panels.append(Figure.Panel(rows: rows, columns: columns, index: index))
            currentPanel = figure.panels.count - 1
        }
        open = figure
    }

    /// Finishes the open figure: thins its long series and queues it for the runner.
    /// A figure with no panels is dropped, as an empty `plt.figure()` draws nothing.
    mutating func finish() {
        guard let figure = open else { return }
        open = nil
        currentPanel = 0
        guard !figure.panels.isEmpty else { return }
        finished.append(figure.thinnedForDisplay())
    }

    /// Removes and returns the finished figures.
    mutating func take() -> [Figure] {
        defer { finished = [] }
        return finished
    }
}
