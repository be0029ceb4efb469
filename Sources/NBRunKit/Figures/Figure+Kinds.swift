import NBRuntime

// MARK: - What each kind of series asks of its panel

extension Figure.Kind {
    /// Whether a series of this kind without a colour of its own takes the next colour of
    /// the cycle. Images, contours, reference lines and text don't, as in matplotlib.
    var takesCycleColor: Bool {
        switch self {
        case .line, .scatter, .hist, .bar, .errorbar: true
        case .image, .contour, .contourf, .hline, .vline, .text: false
        }
    }
}

extension Figure.Series {
    /// The values a bar chart, error bars or a contour grid ask the axes to cover, and the
    /// edges margins stop at (bars stand on zero; a contour grid fills the axes).
    var dataExtent: (xs: [Double], ys: [Double], xSticky: [Double], ySticky: [Double]) {
        switch kind {
        case .bar:
            let half = (style.width ?? 0.8) / 2
            var xs: [Double] = []
            var ys: [Double] = [0]
            for (x, y) in zip(self.x, self.y) where x.isFinite && y.isFinite {
                xs += [x - half, x + half]
                ys.append(y)
            }
            return (xs, ys, [], [0])
        case .errorbar:
            var xs: [Double] = []
            var ys: [Double] = []
            for (index, (x, y)) in zip(self.x, self.y).enumerated() where x.isFinite && y.isFinite {
                let dy = style.yerr.map { $0.count == 1 ? $0[0] : index < $0.count ? $0[index] : 0 } ?? 0
                let dx = style.xerr.map { $0.count == 1 ? $0[0] : index < $0.count ? $0[index] : 0 } ?? 0
                xs += [x - dx, x + dx]
                ys += [y - dy, y + dy]
            }
            return (xs, ys, [], [])
        case .contour, .contourf:
            let xs = x.filter(\.isFinite)
            let ys = y.filter(\.isFinite)
            let xEnds = [xs.min(), xs.max()].compactMap { $0 }
            let yEnds = [ys.min(), ys.max()].compactMap { $0 }
            return (xEnds, yEnds, xEnds, yEnds)
        case .hline:
            return ([], y.filter(\.isFinite), [], [])
        case .vline:
            return (x.filter(\.isFinite), [], [], [])
        case .line, .scatter, .hist, .image, .text:
            return ([], [], [], [])
        }
    }
}
