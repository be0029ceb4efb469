import Foundation

// MARK: - String(format:) with a tensor

extension String {
    /// Unavailable: `String(format:)` takes C numbers (`Int`, `Double`), not
    /// tensors; for a one-element tensor pass `t.item()`. It exists only to put
    /// that advice in the compiler's error, in place of a fix-it to `as! CVarArg`
    /// that would crash. numpy: `f"{loss:.4f}"` is `String(format: "%.4f", loss.item())`.
    @available(
        *, unavailable,
        message: "String(format:) takes numbers such as Int and Double; for a one-element Tensor pass t.item()"
    )
    public init(format: String, _ arguments: Any...) {
        fatalError("unavailable")
    }
}
