// MARK: - Joining and shaping

extension np {
    /// The tensors joined along an existing axis. numpy: `np.concatenate(arrays, axis=0)`.
    public static func concatenate(_ arrays: [Tensor], axis: Int = 0) -> Tensor {
        Tensor.concatenate(arrays, axis: axis)
    }

    /// Equally shaped tensors joined along a new axis. numpy: `np.stack(arrays, axis=0)`.
    public static func stack(_ arrays: [Tensor], axis: Int = 0) -> Tensor {
        Tensor.stack(arrays, axis: axis)
    }

    /// Rows stacked: rank-1 tensors become rows, then join along axis 0. numpy: `np.vstack(arrays)`.
    public static func vstack(_ arrays: [Tensor]) -> Tensor {
        ShapeText.reporting(as: "vstack") {
            Tensor.concatenate(
                arrays.map { $0.rank == 0 ? $0.reshaped(1, 1) : ($0.rank == 1 ? $0.reshaped(1, -1) : $0) },
                axis: 0)
        }
    }

    /// Columns stacked: rank-1 tensors join end to end, others along axis 1. numpy: `np.hstack(arrays)`.
    public static func hstack(_ arrays: [Tensor]) -> Tensor {
        let lifted = arrays.map { $0.rank == 0 ? $0.reshaped(1) : $0 }
        return ShapeText.reporting(as: "hstack") { Tensor.concatenate(lifted, axis: lifted.first?.rank == 1 ? 0 : 1) }
    }

    /// The same elements with a new shape (`-1` once for "the rest"). numpy: `np.reshape(a, newshape)`.
    public static func reshape<S: ShapeConvertible>(_ a: Tensor, _ newShape: S) -> Tensor {
        a.reshaped(newShape.shapeValue.dimensions)
    }

    /// The axes permuted (reversed when `axes` is nil). numpy: `np.transpose(a, axes=None)`.
    public static func transpose(_ a: Tensor, axes: [Int]? = nil) -> Tensor {
        a.transpose(axes: axes)
    }

    /// A new axis of extent 1 at `axis`. numpy: `np.expand_dims(a, axis)`.
    public static func expand_dims(_ a: Tensor, axis: Int) -> Tensor {
        a.expandingDimensions(at: axis)
    }

    /// Axes of extent 1 removed. numpy: `np.squeeze(a, axis=None)`.
    public static func squeeze(_ a: Tensor, axis: Int? = nil) -> Tensor {
        a.squeeze(axis: axis)
    }

    /// All elements as a rank-1 tensor. numpy: `np.ravel(a)`.
    public static func ravel(_ a: Tensor) -> Tensor {
        a.ravel()
    }

    /// The shape of `a`. numpy: `np.shape(a)`.
    public static func shape(_ a: Tensor) -> Shape {
        a.shape
    }
}
