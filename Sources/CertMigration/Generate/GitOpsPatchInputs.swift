/// Everything a GitOps patch file is rendered from: the template set and template, the template's values, the
/// entries of the user's object that the merge reads (nil when the values are not wrapped in an object of the
/// template's kind) and the header's sentence.
struct GitOpsPatchInputs: Sendable, Equatable {
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

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.template == rhs.template && lhs.header == rhs.header && lhs.values == rhs.values && lhs.user == rhs.user
            && lhs.templates.hasSameFiles(as: rhs.templates)
    }
}
