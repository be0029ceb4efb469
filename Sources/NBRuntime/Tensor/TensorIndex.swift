// MARK: - Index positions

/// One position of a tensor subscript: numpy's integer, slice, `None`
/// (new axis), or array (fancy) index.
///
/// numpy: one element of the tuple in `a[i, 1:3, None, [0, 2]]`.
///
/// You rarely write these yourself: `Int`, Swift ranges (`0..<2`, `1...`,
/// `..<3`, `...2`), strides (`stride(from: 0, to: 6, by: 2)`), `[Int]`, `[Bool]`
/// and tensors convert to them, `...` in a subscript is numpy's `:`, and
/// `np.newaxis` is numpy's `None`.
public enum TensorIndex: Sendable {
    /// One position along the axis, which disappears from the result; negative
    /// counts from the end. numpy: `a[2]`, `a[-1]`.
    case index(Int)
    /// numpy's slice `start:stop:step`, with numpy's defaults and clamping for
    /// nil or out-of-range bounds. numpy: `a[1:3]`, `a[::-1]`.
    case slice(start: Int?, stop: Int?, step: Int)
    /// The given positions along the axis, which stays (a stride or a range
    /// read as positions). numpy: a slice with a step.
    case positions([Int])
    /// A new axis of extent 1. numpy: `a[None]`, `a[:, np.newaxis]`.
    case newAxis
    /// An int64 tensor of positions (fancy indexing) or a bool mask. numpy: `a[[0, 2]]`, `a[a > 0]`.
    case array(Tensor)

    /// The whole axis. numpy: `:`.
    public static let all = TensorIndex.slice(start: nil, stop: nil, step: 1)
}

/// A value that can stand in a tensor subscript. numpy: anything valid in `a[...]`.
public protocol TensorIndexConvertible {
    /// The index position this value stands for. numpy: how `a[x]` reads `x`.
    var tensorIndex: TensorIndex { get }
}

extension TensorIndex: TensorIndexConvertible {
    /// The index itself. numpy: a tuple element.
    public var tensorIndex: TensorIndex { self }
}

extension Int: TensorIndexConvertible {
    /// numpy: `a[i]`.
    public var tensorIndex: TensorIndex { .index(self) }
}

extension Range: TensorIndexConvertible where Bound == Int {
    /// `a..<b` is numpy's `a:b` (negative bounds count from the end). numpy: `a[a:b]`.
    public var tensorIndex: TensorIndex { .slice(start: lowerBound, stop: upperBound, step: 1) }
}

extension ClosedRange: TensorIndexConvertible where Bound == Int {
    /// `a...b` is numpy's `a:b+1` (so `0...(-1)` is the whole axis). numpy: `a[a:b+1]`.
    public var tensorIndex: TensorIndex {
        .slice(start: lowerBound, stop: upperBound == -1 ? nil : upperBound + 1, step: 1)
    }
}

extension PartialRangeFrom: TensorIndexConvertible where Bound == Int {
    /// `a...` is numpy's `a:`. numpy: `a[a:]`.
    public var tensorIndex: TensorIndex { .slice(start: lowerBound, stop: nil, step: 1) }
}

extension PartialRangeUpTo: TensorIndexConvertible where Bound == Int {
    /// `..<b` is numpy's `:b`. numpy: `a[:b]`.
    public var tensorIndex: TensorIndex { .slice(start: nil, stop: upperBound, step: 1) }
}

extension PartialRangeThrough: TensorIndexConvertible where Bound == Int {
    /// `...b` is numpy's `:b+1`. numpy: `a[:b+1]`.
    public var tensorIndex: TensorIndex { .slice(start: nil, stop: upperBound == -1 ? nil : upperBound + 1, step: 1) }
}

extension StrideTo: TensorIndexConvertible where Element == Int {
    /// `stride(from: 0, to: 6, by: 2)`: the positions it yields. numpy: `a[0:6:2]`.
    public var tensorIndex: TensorIndex { .positions(Array(self)) }
}

extension StrideThrough: TensorIndexConvertible where Element == Int {
    /// `stride(from: 4, through: 0, by: -1)`: the positions it yields. numpy: `a[4::-1]`.
    public var tensorIndex: TensorIndex { .positions(Array(self)) }
}

extension Array: TensorIndexConvertible where Element: TensorIndexArrayElement {
    /// `[0, 2]` picks positions (fancy indexing); `[true, false]` is a mask. numpy: `a[[0, 2]]`.
    public var tensorIndex: TensorIndex { .array(Element.tensor(of: self)) }
}

extension Tensor: TensorIndexConvertible {
    /// An int64 tensor picks positions; a bool tensor is a mask. numpy: `a[idx]`, `a[mask]`.
    public var tensorIndex: TensorIndex { .array(self) }
}

/// The element types of a Swift array that indexes a tensor: `Int` and `Bool`.
/// numpy: the dtype of an index array.
public protocol TensorIndexArrayElement {
    /// The array as an int64 or bool tensor. numpy: `np.asarray(list)`.
    static func tensor(of array: [Self]) -> Tensor
}

extension Int: TensorIndexArrayElement {
    /// numpy: `np.asarray([0, 2])`.
    public static func tensor(of array: [Int]) -> Tensor { Tensor(array) }
}

extension Bool: TensorIndexArrayElement {
    /// numpy: `np.asarray([True, False])`.
    public static func tensor(of array: [Bool]) -> Tensor { Tensor(array) }
}

extension np {
    /// A new axis of extent 1 in a subscript. numpy: `np.newaxis` (`None`).
    public static let newaxis = TensorIndex.newAxis
}
