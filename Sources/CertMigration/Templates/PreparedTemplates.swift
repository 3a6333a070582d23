import Foundation
import YAMLKit

/// The templates of a ``TemplateSet`` in the form a render starts from, made at each template's first render and
/// kept: a YAML template parsed, a Markdown or text template split into scanned lines. A fleet renders the same
/// templates for every cluster; parsing and scanning them each time cost more than the renders' own work.
///
/// Shared by the copies of one set (and by `fleet`'s workers); a set with other files gets a new one.
final class PreparedTemplates: @unchecked Sendable {
    /// A template ready to render.
    enum Prepared: Sendable {
        /// A YAML template's parse, or the error parsing it gave.
        case yaml(Result<YAMLStream, YAMLError>)
        /// A Markdown or text template.
        case text(CompiledTextTemplate)
    }

    private let lock = NSLock()
    /// Guarded by `lock`: the prepared templates by name.
    private var prepared: [String: Prepared] = [:]

    /// The prepared form of a template, made with `make` on first use (outside the lock; two threads that make it
    /// at once make the same value).
    func prepared(_ name: String, _ make: () -> Prepared) -> Prepared {
        lock.lock()
        let known = prepared[name]
        lock.unlock()
        if let known { return known }
        let made = make()
        lock.lock()
        defer { lock.unlock() }
        if let known = prepared[name] { return known }
        prepared[name] = made
        return made
    }
}
