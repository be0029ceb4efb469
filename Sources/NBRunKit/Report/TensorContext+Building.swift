import Foundation
@_spi(Runner) import NBRuntime

extension TensorContext {
    /// A tensor as a report shows it: numpy's text, summarised when it is large or tall
    /// (``TensorSnapshot/shownText``), as a matrix in HTML when it has one or two
    /// dimensions, and, behind a disclosure, every value when it was summarised.
    init(_ tensor: TensorSnapshot, format: ReportFormat, page: ReportContext.Page = .init()) {
        let text = tensor.shownText
        let matrix = format == .html ? TensorMatrix.tex(text: text, shape: tensor.shape) : nil
        let summarized =
            text != tensor.text || (!tensor.shape.isEmpty && tensor.values.count > tensor.options.threshold)
        let fits = tensor.values.count <= TensorSnapshot.mostValuesOnAPage
        self.init(
            name: tensor.name,
            shape: "(" + tensor.shape.map(String.init).joined(separator: ", ") + (tensor.shape.count == 1 ? ",)" : ")"),
            dtype: tensor.dtype, size: tensor.values.count.grouped, isSummarized: summarized,
            text: text, inline: text.replacingOccurrences(of: "\n", with: " "),
            allValues: summarized && fits && format == .html ? tensor.allValuesText : nil,
            valuesInJSONOnly: summarized && !fits,
            matrix: matrix,
            matrixHTML: matrix.flatMap { tex in
                page.typesetInBrowser ? "\\[" + tex.htmlEscaped + "\\]" : page.math.matrices[tex]
            })
    }
}

extension TensorSnapshot {
    /// The most lines a tensor's text may take in a report before it is summarised.
    static let tallestShown = 12
    /// The most values an HTML report holds for one tensor behind its disclosure: numpy's
    /// text of 10,000 values is about 110 KB; a larger tensor's values are in the JSON report.
    static let mostValuesOnAPage = 10_000

    /// What a report shows: numpy's text as `print` showed it, which numpy summarises
    /// above its threshold of 1000 values; or, when that text would take more than
    /// ``tallestShown`` lines (a 300 × 2 matrix), as numpy summarises it with a threshold
    /// of 0: the first and last three items of every longer axis.
    var shownText: String {
        guard text.utf8.newlineCount >= Self.tallestShown, let tensor else { return text }
        var options = self.options
        options.threshold = 0
        return tensor.text(options: options)
    }

    /// numpy's text of every value, with the print options the notebook had, as
    /// `np.array2string(a, threshold=sys.maxsize)` writes it.
    var allValuesText: String {
        guard let tensor else { return text }
        var options = self.options
        options.threshold = Int.max
        return tensor.text(options: options)
    }

    /// The tensor itself, rebuilt from its values; nil for a type nbrun doesn't know.
    private var tensor: Tensor? {
        guard let type = DType.allCases.first(where: { $0.description == dtype }),
            shape.reduce(1, *) == values.count
        else { return nil }
        return Tensor(shape: Shape(shape), scalars: values, dtype: type)
    }
}
