/// The placeholder and section names a template uses.
public struct TemplatePlaceholders: Sendable, Hashable {
    /// The `${name}` placeholders.
    public var values: Set<String>
    /// The `${#name}` sections (Markdown and text templates only).
    public var sections: Set<String>

    /// Creates a record.
    public init(values: Set<String>, sections: Set<String>) {
        self.values = values
        self.sections = sections
    }
}
