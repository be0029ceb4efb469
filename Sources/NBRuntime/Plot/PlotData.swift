// MARK: - PlotData

/// Values that `plt` can draw: `[Double]`, `[Float]`, `[Int]`, a `Tensor`, an integer
/// range such as `0..<100`, or a `stride(from:to:by:)` of `Double`s.
///
/// Conform a type of your own by returning its shape (numpy's: `[n]` for n values) and
/// its values in row-major order.
public protocol PlotData {
    /// The shape (`[n]` for a list of n values) and the values in row-major order.
    var plotValues: (shape: [Int], values: [Double]) { get }
}

/// A number type whose arrays `plt` can draw.
public protocol PlotScalar {
    var plotValue: Double { get }
}

extension Double: PlotScalar { public var plotValue: Double { self } }
extension Float: PlotScalar { public var plotValue: Double { Double(self) } }
extension Int: PlotScalar { public var plotValue: Double { Double(self) } }
extension Int32: PlotScalar { public var plotValue: Double { Double(self) } }
extension UInt8: PlotScalar { public var plotValue: Double { Double(self) } }
/// A one-element tensor, such as `w[0, 0]`, is a number to plot (numpy's scalars are).
extension Tensor: PlotScalar { public var plotValue: Double { item() } }

extension Array: PlotData where Element: PlotScalar {
    public var plotValues: (shape: [Int], values: [Double]) { ([count], map(\.plotValue)) }
}

extension ArraySlice: PlotData where Element: PlotScalar {
    public var plotValues: (shape: [Int], values: [Double]) { ([count], map(\.plotValue)) }
}

extension Range: PlotData where Bound == Int {
    public var plotValues: (shape: [Int], values: [Double]) { ([count], map(Double.init)) }
}

extension ClosedRange: PlotData where Bound == Int {
    public var plotValues: (shape: [Int], values: [Double]) { ([count], map(Double.init)) }
}

extension StrideTo: PlotData where Element == Double {
    public var plotValues: (shape: [Int], values: [Double]) {
        let values = Array(self)
        return ([values.count], values)
    }
}

extension StrideThrough: PlotData where Element == Double {
    public var plotValues: (shape: [Int], values: [Double]) {
        let values = Array(self)
        return ([values.count], values)
    }
}

/// A tensor is drawn from its shape and its elements in row-major order; only those two
/// properties are read, so this keeps working whatever the tensor stores inside.
extension Tensor: PlotData {
    public var plotValues: (shape: [Int], values: [Double]) { (Array(shape), scalars) }
}
