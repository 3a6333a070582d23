@testable import YAMLKit

/// Compares two parses down to every node's span, which ``YAMLNode`` equality leaves out.
enum ParseComparison {
    /// The first difference between two streams (documents, roots, every node's content, tag, anchor, style and
    /// span), or nil when they are the same.
    static func difference(_ lhs: YAMLStream, _ rhs: YAMLStream) -> String? {
        guard lhs.source.bytes == rhs.source.bytes else { return "the sources differ" }
        guard lhs.documents.count == rhs.documents.count else {
            return "\(lhs.documents.count) documents against \(rhs.documents.count)"
        }
        for (index, (left, right)) in zip(lhs.documents, rhs.documents).enumerated() {
            guard left.span == right.span, left.hasExplicitStart == right.hasExplicitStart else {
                return "document \(index + 1): span \(left.span) against \(right.span)"
            }
            if let difference = difference(left.root, right.root, at: "document \(index + 1)") { return difference }
        }
        return nil
    }

    static func difference(_ lhs: YAMLNode, _ rhs: YAMLNode, at path: String) -> String? {
        guard lhs.span == rhs.span else { return "\(path): span \(lhs.span) against \(rhs.span)" }
        guard lhs.style == rhs.style, lhs.tag == rhs.tag, lhs.anchor == rhs.anchor else {
            return "\(path): \(lhs) against \(rhs)"
        }
        switch (lhs.content, rhs.content) {
        case (.scalar(let left), .scalar(let right)), (.alias(let left), .alias(let right)):
            return left == right ? nil : "\(path): \(left.debugDescription) against \(right.debugDescription)"
        case (.mapping(let left), .mapping(let right)):
            guard left.count == right.count else { return "\(path): \(left.count) pairs against \(right.count)" }
            for (index, (l, r)) in zip(left, right).enumerated() {
                if let difference = difference(l.key, r.key, at: "\(path) key \(index)") { return difference }
                if let difference = difference(l.value, r.value, at: "\(path) value \(index)") { return difference }
            }
            return nil
        case (.sequence(let left), .sequence(let right)):
            guard left.count == right.count else { return "\(path): \(left.count) items against \(right.count)" }
            for (index, (l, r)) in zip(left, right).enumerated() {
                if let difference = difference(l, r, at: "\(path) item \(index)") { return difference }
            }
            return nil
        default:
            return "\(path): \(lhs) against \(rhs)"
        }
    }
}
