// MARK: - Plot errors

/// Builds the message of every mistake `plt` stops a program for, in matplotlib's and
/// numpy's words, prefixed by the `plt` function, e.g.
/// `plot: x and y must have same first dimension, but have shapes (3,) and (4,)`.
enum PlotText {
    static func firstDimensionMismatch(_ function: String, _ x: [Int], _ y: [Int]) -> String {
        "\(function): x and y must have same first dimension, but have shapes "
            + "\(ShapeText.tuple(x)) and \(ShapeText.tuple(y))"
    }

    static func sizeMismatch(_ function: String, _ x: [Int], _ y: [Int]) -> String {
        "\(function): x and y must be the same size, but have shapes \(ShapeText.tuple(x)) and \(ShapeText.tuple(y))"
    }

    static func tooManyDimensions(_ function: String, _ x: [Int], _ y: [Int]) -> String {
        "\(function): x and y can be no greater than 2D, but have shapes \(ShapeText.tuple(x)) and \(ShapeText.tuple(y))"
    }

    static func notOneDimensional(_ function: String, _ name: String, _ shape: [Int]) -> String {
        "\(function): \(name) must be 1D, but has shape \(ShapeText.tuple(shape))"
    }

    static func imageShape(_ shape: [Int]) -> String {
        "imshow: Invalid shape \(ShapeText.tuple(shape)) for image data"
    }

    static func raggedImage(row: Int, count: Int, expected: Int) -> String {
        "imshow: row \(row) has \(count) values, row 0 has \(expected); an image needs rows of one length"
    }

    static func subplotIndex(_ index: Int, cells: Int) -> String {
        "subplot: num must be an integer with 1 <= num <= \(cells), not \(index)"
    }

    static func subplotGrid(_ what: String, _ value: Int) -> String {
        "subplot: Number of \(what) must be a positive integer, not \(value)"
    }

    static func subplotCode(_ code: Int) -> String {
        "subplot: Integer subplot specification must be a three-digit number, not \(code)"
    }

    static func bins(_ count: Int) -> String {
        "hist: `bins` must be positive, when an integer, not \(count)"
    }

    static func binEdges() -> String {
        "hist: `bins` must increase monotonically, when an array"
    }

    static func limits(_ function: String) -> String {
        "\(function): Axis limits cannot be NaN or Inf"
    }

    static func figureSize(_ width: Double, _ height: Double) -> String {
        "figure: figure size must be positive finite not (\(width), \(height))"
    }

    static func unknownScale(_ value: String) -> String {
        "'\(value)' is not a valid value for scale; supported values are 'linear', 'log'"
    }

    static func unknownOrigin(_ value: String) -> String {
        "'\(value)' is not a valid value for origin; supported values are 'upper', 'lower'"
    }
}

/// Stops the program with a message built by `PlotText`. nbrun finds the notebook line
/// that called `plt` from the backtrace, so no hidden location parameters show up in
/// the compiler's messages about `plt`'s functions.
func plotFailure(_ message: String) -> Never {
    // fatalError, not preconditionFailure: the runtime is built with -O, where a
    // failed precondition traps without printing its message.
    fatalError(message)
}

extension PlotText {
    static func unknownColormap(_ name: String) -> String {
        "'\(name)' is not a valid value for cmap; supported values are "
            + Colormap.names.map { "'\($0)'" }.joined(separator: ", ")
    }

    static func perPoint(_ function: String, _ what: String, _ count: Int, points: Int) -> String {
        "\(function): '\(what)' argument has \(count) elements, which is inconsistent with 'x' and 'y' with size \(points)."
    }

    static func contourShape(_ x: [Int], _ y: [Int], _ z: [Int]) -> String {
        "contour: Shapes of x \(ShapeText.tuple(x)) and z \(ShapeText.tuple(z)) do not match"
            + (x == y ? "" : " (y has shape \(ShapeText.tuple(y)))")
    }

    static func contourZ(_ shape: [Int]) -> String {
        "contour: Input z must be 2D, not \(shape.count)D"
    }

    static func contourLevels() -> String {
        "contour: Contour levels must be increasing"
    }

    static func axesIndex(rows: Int, columns: Int) -> String {
        "subplots: axs[i] of a \(rows)×\(columns) grid is a row of axes in numpy; write axs[i, j]"
    }
}
