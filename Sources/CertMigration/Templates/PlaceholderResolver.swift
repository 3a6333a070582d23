/// Answers a template's placeholders and sections from the values a render supplies, and records which ones the
/// template used.
///
/// In collecting mode (``TemplateSet/placeholders(in:)``) every name is answered (an empty string, a section that is
/// present) and only recorded, so the whole template is walked.
///
/// A render may supply its values as a list in a fixed order instead of a dictionary (the pull-request body does,
/// for every cluster of a fleet): a name is then found by comparing names from where the last one was found, which
/// for a list in the template's order is one comparison a name, where hashing each name into a dictionary and again
/// to look it up cost some 700 instructions. The dictionary is made only if a render needs it (its errors do).
final class PlaceholderResolver {
    /// The values as a list in the caller's order, names distinct; nil when given as a dictionary.
    private let valueList: [(name: String, value: TemplateValue)]?
    /// The sections as a list in the caller's order, names distinct; nil when given as a dictionary.
    private let sectionList: [(name: String, present: Bool)]?
    /// The names of the lists, in their order (searched without copying the entries).
    private let valueNames: [String]
    private let sectionNames: [String]
    /// Where the last name was found in each list.
    private var valueHint = 0
    private var sectionHint = 0
    /// The values by placeholder name.
    private(set) lazy var values: [String: TemplateValue] = Dictionary(
        (valueList ?? []).map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
    /// Which optional sections are present, by name.
    private(set) lazy var sections: [String: Bool] = Dictionary(
        (sectionList ?? []).map { ($0.name, $0.present) }, uniquingKeysWith: { $1 })
    /// True to answer every name and only record it.
    let collecting: Bool
    /// The placeholder names the template used (recorded only when collecting).
    private(set) var usedValues: Set<String> = []
    /// The section names the template used (recorded only when collecting).
    private(set) var usedSections: Set<String> = []

    /// Creates a resolver over supplied values and sections.
    init(values: [String: TemplateValue], sections: [String: Bool]) {
        valueList = nil
        sectionList = nil
        valueNames = []
        sectionNames = []
        self.collecting = false
        self.values = values
        self.sections = sections
    }

    /// Creates a resolver over values and sections supplied as lists, each name once.
    init(valueList: [(name: String, value: TemplateValue)], sectionList: [(name: String, present: Bool)]) {
        assert(Set(valueList.map(\.name)).count == valueList.count, "a value is named twice")
        assert(Set(sectionList.map(\.name)).count == sectionList.count, "a section is named twice")
        self.valueList = valueList
        self.sectionList = sectionList
        valueNames = valueList.map(\.name)
        sectionNames = sectionList.map(\.name)
        self.collecting = false
    }

    /// Creates a resolver that answers everything and records the names.
    init(collecting: Void) {
        valueList = nil
        sectionList = nil
        valueNames = []
        sectionNames = []
        self.collecting = true
        self.values = [:]
        self.sections = [:]
    }

    /// The value for a placeholder, or nil when the render does not supply it. Names are recorded only when
    /// collecting (a render reads no record; hashing each name into it cost as much as the look-up).
    func value(_ name: String) -> TemplateValue? {
        guard collecting else {
            guard let valueList else { return values[name] }
            return Self.index(of: name, in: valueNames, hint: &valueHint).map { valueList[$0].value }
        }
        usedValues.insert(name)
        return .string("")
    }

    /// Whether a section is present, or nil when the render does not say.
    func section(_ name: String) -> Bool? {
        guard collecting else {
            guard let sectionList else { return sections[name] }
            return Self.index(of: name, in: sectionNames, hint: &sectionHint).map { sectionList[$0].present }
        }
        usedSections.insert(name)
        return true
    }

    /// Where `name` is in `names`, looked for from `hint` on (then from the start), and `hint` moved past it.
    private static func index(of name: String, in names: [String], hint: inout Int) -> Int? {
        for offset in 0..<names.count {
            let index = (hint + offset) % names.count
            if names[index] == name {
                hint = index + 1
                return index
            }
        }
        return nil
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
