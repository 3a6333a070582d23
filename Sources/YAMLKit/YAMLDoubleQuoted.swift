/// A string as a YAML double-quoted scalar that libyaml (and Helm) read back as exactly this string: the one
/// escaper for text written by hand rather than through the emitter (the editor's splices, the plan's one-line
/// values).
public enum YAMLDoubleQuoted {
    /// The string in double quotes, with `\` escapes for quotes, backslashes, line breaks and non-printables.
    public static func text(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar.value {
            case 0x22: text += "\\\""
            case 0x5C: text += "\\\\"
            case 0x00: text += "\\0"
            case 0x07: text += "\\a"
            case 0x08: text += "\\b"
            case 0x09: text += "\\t"
            case 0x0A: text += "\\n"
            case 0x0B: text += "\\v"
            case 0x0C: text += "\\f"
            case 0x0D: text += "\\r"
            case 0x1B: text += "\\e"
            case 0x85: text += "\\N"
            case 0x2028: text += "\\L"
            case 0x2029: text += "\\P"
            case 0x01...0x1F, 0x7F...0x9F: text += "\\x" + hex(scalar.value, digits: 2)
            case 0xFEFF, 0xFFFE, 0xFFFF: text += "\\u" + hex(scalar.value, digits: 4)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
