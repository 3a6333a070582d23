import Foundation
import YAMLKit

/// The templates of a ``TemplateSet`` in the form a render starts from, made at each template's first render and
/// kept: a YAML template parsed, a Markdown or text template split into scanned lines, the renderer chosen by the
/// name's extension once. A fleet renders the same templates for every cluster; parsing and scanning them each time
/// cost more than the renders' own work.
///
/// Shared by the copies of one set (and by `fleet`'s workers); a set with other files gets a new one.
final class PreparedTemplates: Sendable {
    /// A template ready to render.
    enum Prepared: Sendable {
        /// A YAML template's parse and shapes, or the error parsing it gave.
        case yaml(Result<YAMLTemplateRenderer.Parsed, YAMLError>)
        /// A Markdown or text template, and whether a value's line breaks repeat the line's prefix (`.txt`).
        case text(CompiledTextTemplate, repeatsLinePrefix: Bool)
        /// A template whose name ends in no extension a renderer takes.
        case noRenderer

        /// The prepared form of a template, by its name's extension: `.yaml`/`.yml`, `.md`, `.txt`.
        init(_ file: TemplateFile, name: String) {
            if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                self = .yaml(YAMLTemplateRenderer.parse(file))
            } else if name.hasSuffix(".md") || name.hasSuffix(".txt") {
                self = .text(CompiledTextTemplate(file.bytes), repeatsLinePrefix: !name.hasSuffix(".md"))
            } else {
                self = .noRenderer
            }
        }
    }

    /// The prepared templates by name.
    private let prepared = Locked<[String: Prepared]>([:])

    /// The prepared form of a template, made with `make` on first use (outside the lock; two threads that make it
    /// at once make the same value).
    func prepared(_ name: String, _ make: () -> Prepared) -> Prepared {
        if let known = prepared.withLock({ $0[name] }) { return known }
        let made = make()
        return prepared.withLock { prepared in
            if let known = prepared[name] { return known }
            prepared[name] = made
            return made
        }
    }
}
