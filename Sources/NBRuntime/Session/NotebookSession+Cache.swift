// MARK: - Cells marked cache=true

extension NotebookSession {
    /// Generated right after ``begin(cell:timeout:)`` of a cell marked `cache=true`: true
    /// when the execution cache holds the cell's entry for these `inputs` (the earlier
    /// cells' variables it uses, directly or through their functions) and the state
    /// the cell starts from. The cell's statements are then skipped, and its declarations'
    /// initialisers, wrapped in ``restore(_:_:)``, return the saved values.
    ///
    /// Without the cache (`RunnerProtocol.executionCacheVariable` unset) always false.
    public func cacheLookup(cell index: Int, inputs: [(String, Any)]) -> Bool {
        let (restored, event) = executionCache.lookup(cell: index, inputs: inputs, state: state)
        if let event { write(event) }
        return restored
    }

    /// The value of `name` that a restored cell left, or `compute()` (reported as ``bind(_:_:)`` does).
    ///
    /// Generated around the initial value of each variable a cell marked `cache=true`
    /// declares; the declaration's own type, or the value's, decides `T`.
    public func restore<T>(_ name: String, _ compute: () throws -> T) rethrows -> T {
        guard let saved = executionCache.restoring else { return bind(name, try compute()) }
        guard let value = saved.values[name]?.restored(as: T.self) else {
            fatalError(
                "nbrun: the execution cache's entry has no \(T.self) named '\(name)'; "
                    + "run `nbrun cache clear` and render again")
        }
        return bind(name, value)
    }

    /// Generated before ``end(cell:next:timeout:_:)`` of a cell marked `cache=true`: puts
    /// back the state a restored cell left (`net`, the random stream, the print options),
    /// or saves what a cell that ran left, `values` being its variables.
    public func cacheFinish(cell index: Int, inputs: [(String, Any)], values: [(String, Any)]) {
        if let event = executionCache.finish(cell: index, inputs: inputs, values: values, state: state) {
            write(event)
        }
    }
}
