import YAMLKit

/// What a wrapper's values field holds when it is not the mapping the GitOps tool needs, for messages: "a string",
/// "the number 42", "a sequence". A string's text is never quoted (it may hold secrets).
enum ValuesShape {
    static func phrase(_ node: YAMLNode) -> String {
        switch node.content {
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        case .alias(let name): "the alias *\(name), not a mapping"
        case .scalar(let text): HelmScalarResolver.resolve(text, style: node.style, tag: node.tag).kindPhrase
        }
    }

    /// For a block string (`|` or `>`): how to turn it into a mapping in place.
    static func blockStringAdvice(_ node: YAMLNode) -> String {
        switch node.style {
        case .literal: " (remove the `|` and keep the indented lines)"
        case .folded: " (remove the `>` and keep the indented lines)"
        default: ""
        }
    }
}
