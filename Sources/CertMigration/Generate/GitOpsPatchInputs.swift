/// Everything a GitOps patch file is rendered from: the template set and template, the template's values, the
/// entries of the user's object that the merge reads (nil when the values are not wrapped in an object of the
/// template's kind) and the header's sentence.
struct GitOpsPatchInputs: Sendable {
    /// The templates (compared as one set's copies: the same files).
    var templates: TemplateSet
    /// The template's name.
    var template: String
    /// The template's values.
    var values: [String: TemplateValue]
    /// What the merge reads of the user's object.
    var user: GitOpsPatchMerger.UserEntries?
    /// The header comment's sentence, before it is wrapped.
    var header: String

    /// True when both hold the same inputs, so render the same file (not `Equatable`: see ``RecentRenders``).
    static func same(_ lhs: Self, _ rhs: Self) -> Bool {
        lhs.template == rhs.template && lhs.header == rhs.header && lhs.values == rhs.values
            && GitOpsPatchMerger.UserEntries.same(lhs.user, rhs.user) && lhs.templates.hasSameFiles(as: rhs.templates)
    }
}
