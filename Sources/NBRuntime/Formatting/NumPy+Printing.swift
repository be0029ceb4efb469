// MARK: - Print options

extension np {
    /// Changes how tensors print from now on; options left out keep their
    /// current values. Traps on a negative precision, threshold or edgeitems,
    /// or a linewidth below 1. numpy: `np.set_printoptions(precision=None,
    /// threshold=None, edgeitems=None, linewidth=None, suppress=None)`.
    ///
    /// For "never summarize" pass `threshold: Int.max` (numpy: `sys.maxsize`).
    public static func set_printoptions(
        precision: Int? = nil, threshold: Int? = nil, edgeitems: Int? = nil,
        linewidth: Int? = nil, suppress: Bool? = nil
    ) {
        for (name, value) in [("precision", precision), ("threshold", threshold), ("edgeitems", edgeitems)] {
            if let value, value < 0 { shapeFailure("set_printoptions: \(name) must be >= 0") }
        }
        if let linewidth, linewidth < 1 { shapeFailure("set_printoptions: linewidth must be >= 1") }
        PrintOptions.update { options in
            if let precision { options.precision = precision }
            if let threshold { options.threshold = threshold }
            if let edgeitems { options.edgeitems = edgeitems }
            if let linewidth { options.linewidth = linewidth }
            if let suppress { options.suppress = suppress }
        }
    }

    /// The options tensors print with now. numpy: `np.get_printoptions()`.
    public static func get_printoptions() -> PrintOptions {
        PrintOptions.current
    }

    /// Runs `body` with some options changed; outside it (and in other threads)
    /// the options stay as they were. numpy: `with np.printoptions(precision=3): ...`.
    public static func printoptions<Result>(
        precision: Int? = nil, threshold: Int? = nil, edgeitems: Int? = nil,
        linewidth: Int? = nil, suppress: Bool? = nil,
        _ body: () throws -> Result
    ) rethrows -> Result {
        try PrintOptions.withScope(PrintOptions.current) {
            set_printoptions(
                precision: precision, threshold: threshold, edgeitems: edgeitems, linewidth: linewidth,
                suppress: suppress)
            return try body()
        }
    }
}
