/// Answers a template's placeholders and sections from the values a render supplies, and records which ones the
/// template used.
///
/// The values and sections are kept as the pairs the render lists (from a dictionary or a literal list of pairs)
/// and found by name, comparing lengths first: a render names twenty values at most, and hashing each name into a
/// dictionary, then each used name again to look it up, cost more than the render's own copying. A name listed
/// twice answers with its first value.
///
/// In collecting mode (``TemplateSet/placeholders(in:)``) every name is answered (an empty string, a section that is
/// present) and only recorded, so the whole template is walked.
final class PlaceholderResolver {
    /// The placeholder names of ``values``, in the order listed (apart, so that a look-up reads only names).
    let valueNames: [String]
    /// The values, in the order listed.
    let values: [TemplateValue]
    /// The names of ``sections``, in the order listed.
    let sectionNames: [String]
    /// Whether each optional section is present, in the order listed.
    let sections: [Bool]
    /// True to answer every name and only record it.
    let collecting: Bool
    /// The placeholder names the template used (recorded only when collecting).
    private(set) var usedValues: Set<String> = []
    /// The section names the template used (recorded only when collecting).
    private(set) var usedSections: Set<String> = []

    /// Creates a resolver over supplied values and sections (a dictionary, or a list of pairs).
    init(
        values: some Sequence<(key: String, value: TemplateValue)>, sections: some Sequence<(key: String, value: Bool)>
    ) {
        (valueNames, self.values) = Self.split(values)
        (sectionNames, self.sections) = Self.split(sections)
        self.collecting = false
    }

    /// The pairs' names and values, each in an array of its own.
    private static func split<Value>(_ pairs: some Sequence<(key: String, value: Value)>) -> ([String], [Value]) {
        var names: [String] = []
        var values: [Value] = []
        names.reserveCapacity(pairs.underestimatedCount)
        values.reserveCapacity(pairs.underestimatedCount)
        for (name, value) in pairs {
            names.append(name)
            values.append(value)
        }
        return (names, values)
    }

    /// Creates a resolver that answers everything and records the names.
    init(collecting: Void) {
        valueNames = []
        values = []
        sectionNames = []
        sections = []
        self.collecting = true
    }

    /// The value for a placeholder, or nil when the render does not supply it. Names are recorded only when
    /// collecting (a render reads no record; hashing each name into it cost as much as the look-up).
    func value(_ name: String) -> TemplateValue? {
        guard collecting else { return Self.index(of: name, in: valueNames).map { values[$0] } }
        usedValues.insert(name)
        return .string("")
    }

    /// Whether a section is present, or nil when the render does not say.
    func section(_ name: String) -> Bool? {
        guard collecting else { return Self.index(of: name, in: sectionNames).map { sections[$0] } }
        usedSections.insert(name)
        return true
    }

    /// The index of the first of `names` that is `name`; names of another length are passed over without comparing
    /// them.
    @inline(__always)
    private static func index(of name: String, in names: [String]) -> Int? {
        let length = name.utf8.count
        for index in names.indices where names[index].utf8.count == length && names[index] == name { return index }
        return nil
    }

    /// `a, b, c`, or `none` when the render supplies no values.
    var suppliedValueNames: String {
        values.isEmpty ? "none" : Set(valueNames).sorted().joined(separator: ", ")
    }

    /// `a, b`, or `none` when the render names no sections.
    var suppliedSectionNames: String {
        sections.isEmpty ? "none" : Set(sectionNames).sorted().joined(separator: ", ")
    }
}
