// MARK: - Labels, scales and limits of the current panel

extension plt {
    /// The current panel's title.
    public static func title(_ text: String) {
        PlotState.shared.update { $0.withPanel { $0.title = text } }
    }

    /// The current panel's x-axis label.
    public static func xlabel(_ text: String) {
        PlotState.shared.update { $0.withPanel { $0.xlabel = text } }
    }

    /// The current panel's y-axis label.
    public static func ylabel(_ text: String) {
        PlotState.shared.update { $0.withPanel { $0.ylabel = text } }
    }

    /// Shows a legend of the current panel's labelled series, placed where it covers the
    /// least data.
    public static func legend() {
        PlotState.shared.update { $0.withPanel { $0.legend = true } }
    }

    /// Turns the current panel's grid lines on or off.
    public static func grid(_ visible: Bool = true) {
        PlotState.shared.update { $0.withPanel { $0.grid = visible } }
    }

    /// The x axis's scale: `.linear` or `.log` (`"log"` also works). On a log axis,
    /// values that are not positive are not drawn.
    public static func xscale(_ scale: Figure.Scale) {
        PlotState.shared.update { $0.withPanel { $0.xscale = scale } }
    }

    /// The y axis's scale: `.linear` or `.log` (`"log"` also works).
    public static func yscale(_ scale: Figure.Scale) {
        PlotState.shared.update { $0.withPanel { $0.yscale = scale } }
    }

    /// Fixes the x axis's ends; nil leaves an end as it was (automatic unless set before), and `left > right` inverts the axis.
    public static func xlim(_ left: Double?, _ right: Double?) {
        let limits = checkedLimits("xlim", left, right)
        PlotState.shared.update { $0.withPanel { $0.xlim.merge(limits) } }
    }

    /// matplotlib's keyword form: `plt.xlim(left: 0)`.
    public static func xlim(left: Double? = nil, right: Double? = nil) {
        xlim(left, right)
    }

    /// Fixes the y axis's ends; nil leaves an end as it was (automatic unless set before), and `bottom > top` inverts the axis.
    public static func ylim(_ bottom: Double?, _ top: Double?) {
        let limits = checkedLimits("ylim", bottom, top)
        PlotState.shared.update { $0.withPanel { $0.ylim.merge(limits) } }
    }

    /// matplotlib's keyword form: `plt.ylim(bottom: 0)`.
    public static func ylim(bottom: Double? = nil, top: Double? = nil) {
        ylim(bottom, top)
    }

    private static func checkedLimits(_ function: String, _ start: Double?, _ end: Double?) -> Figure.Limits {
        guard start?.isFinite ?? true, end?.isFinite ?? true else {
            plotFailure(PlotText.limits(function))
        }
        return Figure.Limits(start: start, end: end)
    }
}

extension Figure.Limits {
    /// Takes the ends that `other` sets, keeping the others.
    mutating func merge(_ other: Figure.Limits) {
        start = other.start ?? start
        end = other.end ?? end
    }
}
