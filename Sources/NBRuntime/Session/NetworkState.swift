// MARK: - NetworkState

/// The store of named tensors (parameters, activations, gradients) that
/// lives for a whole notebook run. Every cell sees the same instance, `net`.
///
/// numpy: a dict of arrays, `net = {}`, that every cell of a Jupyter notebook shares.
///
/// ```swift
/// net.w1 = Tensor([[0.5, -0.5]])   // dynamic member set (goes through `record`)
/// let w = net.w1                    // traps if no tensor is named "w1"
/// net.lr = 0.1                      // scalars are rank-0 tensors
/// let lr = net.scalar("lr")         // 0.1 as a Double
/// net["w1"] = nil                   // remove
/// ```
///
/// Each entry remembers the cell that set it or last changed it, and the
/// store can list what a cell changed, so the runner can show it. A value is
/// "changed" only if its shape or any element's bit pattern differs, so
/// re-assigning the same value (even containing nan) is not a change.
///
/// Thread safety: marked `@unchecked Sendable` because a notebook program is
/// single-threaded (cells run one after another on the main thread); the
/// class has no locking and must not be mutated from several threads.
@dynamicMemberLookup
public final class NetworkState: @unchecked Sendable {
    private struct Entry {
        var value: Tensor
        var cell: Int
    }

    private var entries: [String: Entry] = [:]
    /// Names in the order they were first set; a removed name leaves the list.
    /// numpy: `list(net)`.
    public private(set) var names: [String] = []
    /// The cell now running (set by the cell bridge before each cell); 0 before any cell.
    /// numpy: Jupyter's execution count.
    public var currentCell: Int = 0
    /// Per cell, the names changed during it (in order of first change) and
    /// each one's value after its last change in that cell.
    private var cellChanges: [Int: (order: [String], values: [String: Tensor])] = [:]

    /// An empty store. numpy: `net = {}`.
    public init() {}

    /// The tensor named `name`; traps with the known names if there is none.
    /// numpy: `net["w1"]` (a KeyError when missing).
    public subscript(dynamicMember name: String) -> Tensor {
        get { value(named: name) }
        set { record(name, newValue) }
    }

    /// The tensor named `name`, or nil. Setting nil removes the entry.
    /// numpy: `net.get("w1")`, and `del net["w1"]`.
    public subscript(name: String) -> Tensor? {
        get { entries[name]?.value }
        set {
            if let newValue {
                record(name, newValue)
            } else if entries.removeValue(forKey: name) != nil {
                names.removeAll { $0 == name }
            }
        }
    }

    /// Stores `value` under `name` and returns true if the entry is new or
    /// its shape or bits changed. A change is attributed to `currentCell`; an
    /// unchanged re-set neither moves the attribution nor counts as a change.
    /// numpy: `net[name] = value`.
    @discardableResult
    public func record(_ name: String, _ value: Tensor) -> Bool {
        if let existing = entries[name], existing.value.isBitwiseIdentical(to: value) { return false }
        if entries[name] == nil { names.append(name) }
        entries[name] = Entry(value: value, cell: currentCell)
        var changes = cellChanges[currentCell] ?? ([], [:])
        if changes.values.updateValue(value, forKey: name) == nil { changes.order.append(name) }
        cellChanges[currentCell] = changes
        return true
    }

    /// The only element of the tensor named `name` as a Double; traps if
    /// there is no such tensor or it does not hold exactly one element.
    /// numpy: `float(net["name"])` for a dict of arrays.
    public func scalar(_ name: String) -> Double {
        value(named: name).item()
    }

    /// The cell that set or last changed `name`, or nil if there is no such entry.
    /// numpy: no equivalent (Jupyter doesn't track it).
    public func cell(of name: String) -> Int? {
        entries[name]?.cell
    }

    /// The entries set or changed during `cell`, in order of first change in
    /// that cell, each with its value as that cell left it (later cells do
    /// not rewrite history). Empty for a cell that changed nothing.
    /// numpy: no equivalent (Jupyter doesn't track it).
    public func changes(in cell: Int) -> [(name: String, value: Tensor)] {
        guard let changes = cellChanges[cell] else { return [] }
        return changes.order.map { ($0, changes.values[$0]!) }
    }

    /// Every entry in order, with the cell that set it: what the execution cache keeps.
    var savedEntries: [SavedEntry] {
        names.compactMap { name in entries[name].map { SavedEntry(name: name, value: $0.value, cell: $0.cell) } }
    }

    /// Replaces every entry with `saved`, as a cell the execution cache restored left them.
    func restore(_ saved: [SavedEntry]) {
        entries = [:]
        names = []
        for entry in saved {
            entries[entry.name] = Entry(value: entry.value, cell: entry.cell)
            names.append(entry.name)
        }
    }

    /// One entry, as the execution cache keeps it.
    struct SavedEntry {
        var name: String
        var value: Tensor
        var cell: Int
    }

    private func value(named name: String) -> Tensor {
        guard let entry = entries[name] else {
            fatalError(Self.missingMessage(name, known: names))
        }
        return entry.value
    }

    /// `net: no tensor named 'w1'; known: w2, lr` (or `known: none`).
    static func missingMessage(_ name: String, known: [String]) -> String {
        "net: no tensor named '\(name)'; known: " + (known.isEmpty ? "none" : known.joined(separator: ", "))
    }
}
