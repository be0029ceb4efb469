import Foundation
import NBRuntime

// MARK: - Contours

extension SeriesRenderer {
    /// `contourf`: each grid point's band (between two levels) filled in the band's colour
    /// over the cell around the point; `contour`: each level's line, by marching squares.
    ///
    /// Colours follow matplotlib: a band takes the colour map's colour at its middle value,
    /// a line at its level, both scaled between the first and the last level.
    func drawContours(_ series: Figure.Series, into svg: inout SVGWriter) {
        guard let values = series.values, let levels = series.style.levels, levels.count >= 1,
            values.count == series.y.count, values.allSatisfy({ $0.count == series.x.count })
        else { return }
        let (low, high) = (levels.first!, levels.last!)
        func color(_ value: Double) -> String {
            PlotColors.color(named: series.color)
                ?? PlotColors.colormap(series.style.cmap, high > low ? (value - low) / (high - low) : 0)
        }
        let opacity = series.style.alpha.map { [("opacity", SVGWriter.number($0))] } ?? []
        if series.kind == .contourf {
            drawBands(series, values: values, levels: levels, color: color, opacity: opacity, into: &svg)
        } else {
            for level in levels {
                let d = isoline(series, values: values, level: level)
                if !d.isEmpty {
                    svg.element(
                        "path",
                        [("d", d), ("fill", "none"), ("stroke", color(level)), ("stroke-width", "1.5")] + opacity)
                }
            }
        }
    }

    /// The band a value falls in: `levels[i] <= v <= levels[i+1]` (the first band takes its
    /// lower level, later ones only the upper), nil outside the levels.
    static func band(of value: Double, levels: [Double]) -> Int? {
        guard value.isFinite, levels.count >= 2, value >= levels[0], value <= levels[levels.count - 1] else {
            return nil
        }
        for index in 0..<(levels.count - 1) where value <= levels[index + 1] { return index }
        return nil
    }

    private func drawBands(
        _ series: Figure.Series, values: [[Double]], levels: [Double], color: (Double) -> String,
        opacity: [(String, String)], into svg: inout SVGWriter
    ) {
        let (xs, ys) = (series.x, series.y)
        // The cell of a grid point reaches halfway to its neighbours, and no further than the grid.
        func edges(_ coordinates: [Double]) -> [Double] {
            guard coordinates.count > 1 else { return coordinates + coordinates }
            var result = [coordinates[0]]
            for index in 1..<coordinates.count { result.append((coordinates[index - 1] + coordinates[index]) / 2) }
            result.append(coordinates[coordinates.count - 1])
            return result
        }
        let (xEdges, yEdges) = (edges(xs), edges(ys))
        var paths: [Int: String] = [:]
        let n = SVGWriter.number
        for (row, rowValues) in values.enumerated() {
            var column = 0
            while column < rowValues.count {
                guard let band = Self.band(of: rowValues[column], levels: levels) else {
                    column += 1
                    continue
                }
                var end = column + 1
                while end < rowValues.count, Self.band(of: rowValues[end], levels: levels) == band { end += 1 }
                if let a = layout.point(xEdges[column], yEdges[row], views: views),
                    let b = layout.point(xEdges[end], yEdges[row + 1], views: views), let rect = clamped(a, b)
                {
                    paths[band, default: ""] +=
                        "M\(n(rect.x)) \(n(rect.y))h\(n(rect.width))v\(n(rect.height))h\(n(-rect.width))z"
                }
                column = end
            }
        }
        svg.open("g", [("shape-rendering", "crispEdges")] + opacity)
        for band in paths.keys.sorted() {
            svg.element("path", [("d", paths[band]!), ("fill", color((levels[band] + levels[band + 1]) / 2))])
        }
        svg.close("g")
    }

    /// The segments where the grid's values cross `level`, by marching squares (a saddle
    /// cell is split by its centre's value).
    private func isoline(_ series: Figure.Series, values: [[Double]], level: Double) -> String {
        let (xs, ys) = (series.x, series.y)
        guard xs.count >= 2, ys.count >= 2 else { return "" }
        var d = ""
        let n = SVGWriter.number
        for row in 0..<(ys.count - 1) {
            for column in 0..<(xs.count - 1) {
                let corners = [
                    (xs[column], ys[row], values[row][column]), (xs[column + 1], ys[row], values[row][column + 1]),
                    (xs[column + 1], ys[row + 1], values[row + 1][column + 1]),
                    (xs[column], ys[row + 1], values[row + 1][column])
                ]
                guard corners.allSatisfy({ $0.2.isFinite }) else { continue }
                var crossings: [(Double, Double)] = []
                for edge in 0..<4 {
                    let (a, b) = (corners[edge], corners[(edge + 1) % 4])
                    guard (a.2 < level) != (b.2 < level) else { continue }
                    let t = (level - a.2) / (b.2 - a.2)
                    crossings.append((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)))
                }
                var pairs: [((Double, Double), (Double, Double))] = []
                if crossings.count == 2 {
                    pairs = [(crossings[0], crossings[1])]
                } else if crossings.count == 4 {
                    let centre = corners.map(\.2).reduce(0, +) / 4
                    let firstBelow = corners[0].2 < level
                    pairs =
                        (centre < level) == firstBelow
                        ? [(crossings[0], crossings[1]), (crossings[2], crossings[3])]
                        : [(crossings[0], crossings[3]), (crossings[1], crossings[2])]
                }
                for (a, b) in pairs {
                    guard let p = layout.point(a.0, a.1, views: views), let q = layout.point(b.0, b.1, views: views)
                    else { continue }
                    d += "M\(n(p.x)) \(n(p.y))L\(n(q.x)) \(n(q.y))"
                }
            }
        }
        return d
    }
}
