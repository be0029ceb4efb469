// MARK: - LineClipper

/// Cuts polylines to a rectangle (Liang–Barsky), so that data outside the axes'
/// limits is not drawn and no coordinate in the file is far outside the figure.
/// Clipping here, rather than with an SVG clip path, needs no element ids, which would
/// clash when several figures share one HTML page.
struct LineClipper {
    var bounds: PlotRect

    /// The visible runs of a polyline whose points may be nil (a gap: not finite, or not
    /// positive on a log axis), and the points that stand alone between gaps (drawn as dots).
    func clip(_ points: [PlotPoint?]) -> (runs: [[PlotPoint]], dots: [PlotPoint]) {
        var runs: [[PlotPoint]] = []
        var dots: [PlotPoint] = []
        var current: [PlotPoint] = []
        func flush() {
            if current.count > 1 { runs.append(current) }
            current = []
        }
        for index in points.indices {
            guard let point = points[index] else {
                flush()
                continue
            }
            let previous = index > 0 ? points[index - 1] : nil
            let next = index + 1 < points.count ? points[index + 1] : nil
            if previous == nil, next == nil, bounds.contains(point) { dots.append(point) }
            guard let previous else { continue }
            guard let (start, end, startMoved, endMoved) = segment(previous, point) else {
                flush()
                continue
            }
            if startMoved || current.isEmpty {
                flush()
                current = [start]
            }
            current.append(end)
            if endMoved { flush() }
        }
        flush()
        return (runs, dots)
    }

    /// The part of the segment inside the bounds, and whether each end moved; nil if none is.
    func segment(_ a: PlotPoint, _ b: PlotPoint) -> (PlotPoint, PlotPoint, Bool, Bool)? {
        let dx = b.x - a.x
        let dy = b.y - a.y
        var t0 = 0.0
        var t1 = 1.0
        let edges = [(-dx, a.x - bounds.x), (dx, bounds.maxX - a.x), (-dy, a.y - bounds.y), (dy, bounds.maxY - a.y)]
        for (p, q) in edges {
            if p == 0 {
                if q < 0 { return nil }
                continue
            }
            let r = q / p
            if p < 0 {
                if r > t1 { return nil }
                t0 = max(t0, r)
            } else {
                if r < t0 { return nil }
                t1 = min(t1, r)
            }
        }
        guard t0.isFinite, t1.isFinite else { return nil }
        let start = t0 > 0 ? PlotPoint(x: a.x + t0 * dx, y: a.y + t0 * dy) : a
        let end = t1 < 1 ? PlotPoint(x: a.x + t1 * dx, y: a.y + t1 * dy) : b
        return (start, end, t0 > 0, t1 < 1)
    }
}
