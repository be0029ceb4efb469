/// Facts about nbrun itself.
public enum NBRun {
    /// The version that `nbrun --version` prints and reports carry.
    public static let version = "0.1.0"
}
