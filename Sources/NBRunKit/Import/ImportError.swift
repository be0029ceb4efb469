/// Why a file can't be imported.
public enum ImportError: Error, Equatable, Sendable {
    case notJupyter(String)
    case oldFormat(Int)
    case unknownKind(String)
}

extension ImportError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notJupyter(let reason): "not a Jupyter notebook (\(reason))"
        case .oldFormat(let version):
            "nbformat \(version) is older than 4; save it again with Jupyter "
                + "(jupyter nbconvert --to notebook --output new.ipynb) and import that"
        case .unknownKind(let name):
            "can't tell what '\(name)' is: import reads a Jupyter notebook (.ipynb) or a "
                + "jupytext percent script (.py with # %% cells)"
        }
    }
}
