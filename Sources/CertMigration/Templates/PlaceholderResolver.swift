/// Answers a template's placeholders and sections from the values a render supplies, and records which ones the
/// template used.
///
/// In collecting mode (``TemplateSet/placeholders(in:)``) every name is answered (an empty string, a section that is
/// present) and only recorded, so the whole template is walked.
final class PlaceholderResolver {
    /// The values by placeholder name.
    let values: [String: TemplateValue]
    /// Which optional sections are present, by name.
    let sections: [String: Bool]
    /// True to answer every name and only record it.
    let collecting: Bool
    /// The placeholder names the template used (recorded only when collecting).
    private(set) var usedValues: Set<String> = []
    /// The section names the template used (recorded only when collecting).
    private(set) var usedSections: Set<String> = []

    /// Creates a resolver over supplied values and sections.
    init(values: [String: TemplateValue], sections: [String: Bool]) {
        self.values = values
        self.sections = sections
        self.collecting = false
    }

    /// Creates a resolver that answers everything and records the names.
    init(collecting: Void) {
        self.values = [:]
        self.sections = [:]
        self.collecting = true
    }

    /// The value for a placeholder, or nil when the render does not supply it. Names are recorded only when
    /// collecting (a render reads no record; hashing each name into it cost as much as the look-up).
    func value(_ name: String) -> TemplateValue? {
        guard collecting else { return values[name] }
        usedValues.insert(name)
        return .string("")
    }

    /// Whether a section is present, or nil when the render does not say.
    func section(_ name: String) -> Bool? {
        guard collecting else { return sections[name] }
        usedSections.insert(name)
        return true
    }

    /// `a, b, c`, or `none` when the render supplies no values.
    var suppliedValueNames: String {
        values.isEmpty ? "none" : values.keys.sorted().joined(separator: ", ")
    }

    /// `a, b`, or `none` when the render names no sections.
    var suppliedSectionNames: String {
        sections.isEmpty ? "none" : sections.keys.sorted().joined(separator: ", ")
    }
}
