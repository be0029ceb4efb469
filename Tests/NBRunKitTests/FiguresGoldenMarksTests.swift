import Foundation
import NBRuntime
import TestSupport
import Testing

@testable import NBRunKit

extension Unit.FiguresGoldenTests {
    /// A scatter coloured by label through Spectral, over a decision surface and its boundary.
    @Test func decisionBoundaryWithLabelledPoints() throws {
        let xs = stride(from: -1.0, through: 1.0, by: 0.1).map { $0 }
        let grid = xs.map { y in xs.map { x in x * x + 0.3 > y ? (x > 0 ? 2.0 : 1.0) : 0.0 } }
        var surface = Figure.Series(kind: .contourf, x: xs, y: xs, values: grid)
        surface.style.levels = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]
        surface.style.cmap = "Spectral"
        surface.style.alpha = 0.8
        var boundary = Figure.Series(kind: .contour, color: "k", x: xs, y: xs, values: grid)
        boundary.style.levels = [0.5, 1.5]
        var points = Figure.Series(
            kind: .scatter, x: [-0.8, -0.5, 0.2, 0.6, 0.9, 0.1], y: [0.9, -0.2, 0.5, 0.8, -0.7, -0.9])
        points.style.colorValues = [1, 0, 2, 2, 0, 0]
        points.style.sizes = [40]
        points.style.cmap = "Spectral"
        try expectGolden("scatter-by-label-over-contourf", Self.figure([surface, boundary, points]))
    }

    /// Bars, error bars with markers, a dashed axhline, a partial axvline, text and an annotation.
    @Test func barsErrorBarsLinesAndText() throws {
        var bars = Figure.Series(kind: .bar, label: "count", x: [0, 1, 2], y: [3, 1.5, 2.2])
        bars.style.width = 0.6
        var errors = Figure.Series(kind: .errorbar, label: "mean", x: [0, 1, 2], y: [2.5, 2, 1])
        errors.style.yerr = [0.4, 0.2, 0.6]
        errors.style.marker = "o"
        var hline = Figure.Series(kind: .hline, color: "k", y: [2])
        hline.style.marker = "--"
        var vline = Figure.Series(kind: .vline, color: "r", x: [1.5])
        vline.style.span = [0, 0.5]
        var note = Figure.Series(kind: .text, x: [0.35], y: [2.7])
        note.style.text = "highest"
        var arrow = Figure.Series(kind: .text, x: [1.6], y: [0.6])
        arrow.style.text = "lowest"
        arrow.style.arrowTo = [2, 1]
        try expectGolden(
            "bars-errorbars-lines-text", Self.figure([bars, errors, hline, vline, note, arrow]) { $0.legend = true })
    }

    /// Markers of each shape matplotlib's scatter takes, sized per point.
    @Test func markerShapesAndSizes() throws {
        let shapes = ["o", "s", "^", "v", "D", "x", "+", "."]
        let series = shapes.enumerated().map { index, marker -> Figure.Series in
            var series = Figure.Series(kind: .scatter, label: marker, x: [Double(index)], y: [Double(index % 3)])
            series.style.marker = marker
            series.style.sizes = [Double(20 + 20 * index)]
            return series
        }
        try expectGolden("scatter-markers", Self.figure(series))
    }
}

extension Unit.FiguresGoldenTests {
    /// Every colour map the runtime accepts by name has matplotlib's colours in the renderer.
    @Test func everyColormapTheRuntimeAcceptsCanBeDrawn() {
        #expect(Set(PlotColors.colormapNames) == Set(Colormap.names))
        // Spectral runs from dark red to dark blue, as matplotlib's does; _r reverses it.
        #expect(PlotColors.colormap("Spectral", 0) == "#9e0142" && PlotColors.colormap("Spectral", 1) == "#5e4fa2")
        #expect(PlotColors.colormap("Spectral_r", 0) == "#5e4fa2")
        // A qualitative map picks its own colours: tab10's third is matplotlib's C2.
        #expect(PlotColors.colormap("tab10", 0.25) == "#2ca02c")
    }
}
