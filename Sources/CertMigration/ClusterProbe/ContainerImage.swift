/// A container image reference as a Deployment names it: `ghcr.io/kedacore/keda:2.16.1`,
/// `registry.local:5000/keda:2.16.1@sha256:...`.
public struct ContainerImage: Sendable, Hashable {
    /// The reference without tag or digest (`ghcr.io/kedacore/keda`).
    public var repository: String
    /// The tag, when there is one (`2.16.1`).
    public var tag: String?
    /// The digest, when there is one (`sha256:...`).
    public var digest: String?

    /// Splits a reference: the digest after `@`, the tag after the last `:` that follows the last `/` (a `:` before
    /// it belongs to a registry port).
    public init(_ reference: String) {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest[lastSlash...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        repository = String(rest)
    }
}
