import YAMLKit

/// Values as the YAML text a reviewer reads in a plan (`true`, `kedaorg-certs`, `"on"`).
public enum YAMLText {
    /// A Helm value as one line of YAML: scalars as written, collections in flow form. Inside a collection, a
    /// value under a key that may hold a secret (``SecretValues``, keys counted from the value shown) is shown as
    /// `<redacted>`: a plan quotes the values it changes, and those are never secrets themselves.
    public static func scalar(_ value: HelmValue) -> String {
        scalar(value, keys: [])
    }

    static func scalar(_ value: HelmValue, keys: [String]) -> String {
        switch value.content {
        case .sequence(let items):
            return "[" + items.map { scalar($0, keys: keys) }.joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "{"
                + entries.keys.sorted().map { "\(string($0)): \(scalar(entries[$0]!, keys: keys + [$0]))" }
                .joined(separator: ", ") + "}"
        default:
            if SecretValues.isSecret(path: keys) { return SecretValues.marker }
        }
        switch value.content {
        case .bool(let flag): return flag ? "true" : "false"
        case .number: return GoTemplateTruth.printed(value)
        case .string(let text): return string(text)
        default: return "null"
        }
    }

    /// A string as YAML text: plain when Helm reads it back as this string, double-quoted otherwise.
    public static func string(_ text: String) -> String {
        if !text.isEmpty, HelmScalarResolver.readsAsString(plain: text), isPlainSafe(text) { return text }
        return YAMLDoubleQuoted.text(text)
    }

    /// Text that YAML can write plain on one line: no indicator at the start, no `: ` or ` #`, no edge spaces.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) || first == " " || last == " " { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        return !text.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{7F}" }
    }
}
