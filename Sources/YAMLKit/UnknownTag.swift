/// A tag on a node that Helm does not know (`!vault`, `!secret`, `!!python/str`): Helm drops it and keeps the value
/// as written, so whatever the tag was meant to do (fetch from a vault, decrypt, convert) never happens.
///
/// Known to Helm, and not reported: the YAML 1.1 tags go-yaml resolves (`!!str`, `!!int`, `!!float`, `!!bool`,
/// `!!null`, `!!timestamp`, `!!binary`, `!!merge`, `!!map`, `!!seq`) and the non-specific `!`.
public struct UnknownTag: Sendable, Hashable {
    /// The tag as libyaml resolved it (`!vault`, `tag:yaml.org,2002:python/str`).
    public var tag: String
    /// The tagged node (starting at its tag).
    public var span: SourceSpan

    /// Creates an unknown tag.
    public init(tag: String, span: SourceSpan) {
        self.tag = tag
        self.span = span
    }

    /// The tag as a person writes it (`!vault`, `!!python/str`).
    public var written: String { HelmScalarResolver.shortTag(tag) }

    static let knownTags: Set<String> = Set(
        ["str", "int", "float", "bool", "null", "timestamp", "binary", "merge", "map", "seq"].map {
            HelmScalarResolver.yamlTagPrefix + $0
        } + ["!"])

    /// True for a tag Helm does not know (an empty tag counts as none).
    public static func isUnknown(_ tag: String) -> Bool {
        !tag.isEmpty && !knownTags.contains(tag)
    }

    /// Every unknown tag in a node tree, in source order (aliases are not followed).
    public static func all(in node: YAMLNode) -> [UnknownTag] {
        var found: [UnknownTag] = []
        var pending = [node]
        while let next = pending.popLast() {
            if let tag = next.tag, isUnknown(tag) {
                found.append(UnknownTag(tag: tag, span: next.span))
            }
            switch next.content {
            case .scalar, .alias: break
            case .sequence(let items): pending += items.reversed()
            case .mapping(let pairs): pending += pairs.flatMap { [$0.value, $0.key] }.reversed()
            }
        }
        return found.sorted { $0.span.start.offset < $1.span.start.offset }
    }
}
