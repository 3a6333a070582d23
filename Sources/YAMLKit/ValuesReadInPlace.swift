#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The values of a document read where its nodes lie, on demand: the part a caller asks for is read from its node
/// alone, and the whole tree is built only when asked for (then kept).
///
/// Only for a document that ``PlainDocumentDecoder/readsInPlace(_:)`` accepted: no tag, anchor or alias, no key
/// read twice, everything within the limits. Each value is then what its node says, so a part read alone is exactly
/// what the whole reading holds there. Most values files are such documents, and a migration reads a handful of
/// their paths; building every value (a dictionary for each mapping, a string for each key) and freeing it again
/// cost more than anything else done with the values.
final class ValuesReadInPlace: @unchecked Sendable {
    /// The document's root mapping.
    let root: YAMLNode
    /// The limits the document was checked against.
    let limits: YAMLLimits
    /// Every key of the document is named by its text (see ``PlainDocumentDecoder/keysAreTheirText``).
    let keysAreTheirText: Bool
    /// The whole values, once built.
    private var built: HelmValue?
    /// Guards `built` (a document may be shared by threads).
    private let lock: UnsafeMutablePointer<pthread_mutex_t>

    init(root: YAMLNode, limits: YAMLLimits, keysAreTheirText: Bool) {
        self.root = root
        self.limits = limits
        self.keysAreTheirText = keysAreTheirText
        lock = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// The whole values, built on first use.
    var values: HelmValue {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        if let built { return built }
        var decoder = PlainDocumentDecoder(limits: limits)
        let values = withUnsafePointer(to: root) { decoder.value(ofPlain: $0, keySpan: nil) }
        built = values
        return values
    }

    /// The values when they were built already.
    private var builtValues: HelmValue? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return built
    }

    /// The number of top-level keys (each is written once).
    var keyCount: Int { root.pairsInPlace?.count ?? 0 }

    /// How far a path of keys reaches, reading only the value it ends at.
    func reach(_ path: some Collection<String>) -> HelmValuesDocument.Reach {
        if let built = builtValues { return HelmValuesDocument.reach(path, in: built) }
        return withUnsafePointer(to: root) { root in
            var keys = PlainDocumentDecoder(limits: limits)
            var node = root
            var keySpan: SourceSpan?
            var depth = 0
            for key in path {
                guard node.pointee.pairsInPlace != nil else {
                    var decoder = PlainDocumentDecoder(limits: limits)
                    return .blocked(depth: depth, by: decoder.value(ofPlain: node, keySpan: keySpan))
                }
                guard let (child, childKeySpan) = keys.child(of: node, key: key, keysAreTheirText: keysAreTheirText)
                else { return .missing(depth: depth) }
                node = child
                keySpan = childKeySpan
                depth += 1
            }
            var decoder = PlainDocumentDecoder(limits: limits)
            return .found(decoder.value(ofPlain: node, keySpan: keySpan))
        }
    }
}
