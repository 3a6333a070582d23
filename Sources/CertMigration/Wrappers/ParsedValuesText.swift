import YAMLKit

/// The text of a `helm.values` block string parsed as its own input, with the limits it was parsed under: the parse
/// the editor makes to check the text it writes back, handed on so that reading the edited file need not parse the
/// same text again (``EmbeddedValuesString`` uses it only for exactly the same bytes, name and limits).
struct ParsedValuesText: Sendable {
    /// The parsed text.
    var stream: YAMLStream
    /// The limits it was parsed with.
    var limits: YAMLLimits
}
