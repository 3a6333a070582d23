extension YAMLNode {
    /// A scalar that Helm reads back as exactly `text`, as a value and as a key, whatever the text.
    ///
    /// The style is chosen so the output stays as plain as it safely can:
    /// - text with a line break (`\n`): literal block style (`|`), which libyaml turns into double quotes where a
    ///   block scalar cannot go (a flow collection, text with a tab or a control character, a line ending in a
    ///   space);
    /// - text that a plain scalar would give back as the same string (``HelmScalarResolver/readsAsString(plain:)``):
    ///   plain, which libyaml turns into single quotes when the text cannot be plain (`a: b`, `*x`, ` lead`);
    /// - anything else (`on`, `yes`, `y`, `~`, `null`, the empty text, `1.0`, `0x1f`, `012`, `1e3`, `true`, `<<`):
    ///   double quotes, as go-yaml and kubectl write them.
    ///
    /// `.scalar(text)`, by contrast, is written plain and typed as YAML types it (`.scalar("on")` is `true`).
    public static func string(_ text: String) -> YAMLNode {
        .scalar(text, style: ScalarStyleChooser.style(forString: text))
    }
}

/// Chooses the style that makes a scalar read back, in Helm, as exactly the string it holds.
enum ScalarStyleChooser {
    /// The style for a string scalar; see ``YAMLNode/string(_:)``.
    static func style(forString text: String) -> YAMLNodeStyle {
        if text.utf8.contains(UInt8(ascii: "\n")) { return .literal }
        return HelmScalarResolver.readsAsString(plain: text) ? .plain : .doubleQuoted
    }
}
