/// Bounds on what YAMLKit reads, so that hostile input ends in a clear error rather than a crash or a hang.
///
/// The defaults fit any real Helm values file with a wide margin (the KEDA chart's own values are under 40 KB and
/// 8 levels deep). Raise them for unusual inputs; lower them where a caller reads untrusted files in bulk.
public struct YAMLLimits: Sendable, Hashable {
    /// The largest input accepted, in bytes. Default: 16 MiB. Never more than ``largestInputBytes``, whatever is set.
    public var maxInputBytes: Int
    /// The deepest nesting of collections accepted. Default: 256.
    public var maxDepth: Int
    /// The most documents one input may hold. Default: 1,000.
    public var maxDocuments: Int
    /// The most nodes that resolving aliases and merge keys may produce for one document. Default: 1,000,000.
    public var maxExpandedNodes: Int

    /// The largest input any limits accept (2 GiB - 1): source positions are kept in 32 bits.
    public static let largestInputBytes = Int(Int32.max)

    /// Creates limits.
    public init(
        maxInputBytes: Int = 16 << 20, maxDepth: Int = 256, maxDocuments: Int = 1000,
        maxExpandedNodes: Int = 1_000_000
    ) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxDocuments = maxDocuments
        self.maxExpandedNodes = maxExpandedNodes
    }

    /// The defaults.
    public static let `default` = YAMLLimits()
}
