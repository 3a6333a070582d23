/// A scalar's meaning for Helm: what go-yaml v2 (the YAML reader under sigs.k8s.io/yaml) makes of it.
///
/// Timestamps and `!!binary` have no case of their own: Helm reads both as strings (a timestamp keeps its text,
/// `!!binary` is base64-decoded). Integers are kept as go-yaml holds them; after Helm's JSON round trip every number
/// becomes a `Double` (see `HelmValue`).
public enum HelmScalar: Sendable, Hashable, CustomStringConvertible {
    /// `~`, `null`, `Null`, `NULL` or an empty plain scalar.
    case null
    /// One of the YAML 1.1 booleans (`y`, `yes`, `on`, `true`, `n`, `no`, `off`, `false` and capitalised forms).
    case bool(Bool)
    /// An integer that fits `Int64` (decimal, `0x`, `0o`, `0b` or leading-zero octal, underscores ignored).
    case int(Int64)
    /// An integer above `Int64.max` that fits `UInt64` (unsigned digits only). Helm refuses it as a mapping key.
    case uint(UInt64)
    /// A float, including `.inf`, `-.inf` and `.nan` (which Helm refuses as values: JSON cannot hold them).
    case float(Double)
    /// Any other text, and every quoted or block scalar without a tag.
    case string(String)

    /// A short rendering for test failures: `null`, `bool(true)`, `int(10)`, `string("on")`.
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "bool(\(value))"
        case .int(let value): "int(\(value))"
        case .uint(let value): "uint(\(value))"
        case .float(let value): "float(\(value))"
        case .string(let value): "string(\(value.debugDescription))"
        }
    }
}

/// A scalar whose explicit tag contradicts its text (`!!int 1.5`, `!!null foo`, bad `!!binary`): Helm refuses it.
public struct HelmTagMismatch: Error, Sendable, Hashable, CustomStringConvertible {
    /// go-yaml's own words, e.g. ``cannot decode !!float `1.5` as a !!int``.
    public var message: String

    /// Creates a mismatch.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// Resolves scalars exactly as Helm does: go-yaml v2's YAML 1.1 rules, then sigs.k8s.io/yaml's key conversion.
///
/// The rules (go-yaml v2 `resolve.go` and `decode.go`, as vendored by sigs.k8s.io/yaml, checked against Helm v4):
/// - A quoted or block scalar without a tag is a string. With a tag, its text is resolved under that tag.
/// - Plain text is looked up by its first byte: `+`/`-`/digit may be a number, `yYnNtTfFoO~` may be a boolean
///   or null from a fixed table, `.` may be a float (`.5`, `.inf`, `.nan`); anything else is a string.
/// - Numbers: underscores are removed, then Go's `ParseInt(text, 0, 64)` (so `012` is 10, `0o17` 15, `0x1f` 31,
///   `0b101` 5), then `ParseUint` (no sign), then a float if it matches
///   `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` and does not overflow (`08` is the float 8,
///   `1e999` stays a string, `1e-999` is 0). Integers beyond 64 bits stay strings.
/// - Timestamps (`2001-12-14`) stay strings. Tags other than `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`,
///   `!!timestamp` and `!!binary` (including the non-specific `!`) leave the text a string.
/// - `<<` is the merge key only as a plain (or `!!merge`-tagged) mapping key; as a value it is the string `<<`.
public enum HelmScalarResolver {
    static let yamlTagPrefix = "tag:yaml.org,2002:"
    static let stringTag = yamlTagPrefix + "str"
    static let boolTag = yamlTagPrefix + "bool"
    static let intTag = yamlTagPrefix + "int"
    static let floatTag = yamlTagPrefix + "float"
    static let nullTag = yamlTagPrefix + "null"
    static let timestampTag = yamlTagPrefix + "timestamp"
    static let binaryTag = yamlTagPrefix + "binary"
    static let mergeTag = yamlTagPrefix + "merge"

    /// The scalar a node means for Helm.
    ///
    /// When an explicit tag contradicts the text (`!!int 1.5`), which Helm refuses, this returns what the text
    /// means without the tag; `checkedResolve` reports the refusal instead.
    public static func resolve(_ text: String, style: YAMLNodeStyle, tag: String?) -> HelmScalar {
        do {
            return try checkedResolve(text, style: style, tag: tag)
        } catch {
            return (try? checkedResolve(text, style: style, tag: nil)) ?? .string(text)
        }
    }

    /// The scalar a node means for Helm, or the error Helm gives when its tag contradicts its text.
    public static func checkedResolve(_ text: String, style: YAMLNodeStyle, tag: String?) throws(HelmTagMismatch)
        -> HelmScalar
    {
        guard let tag, !tag.isEmpty else {
            if readsAsItsText(text, style: style) { return .string(text) }
            return resolveUntaggedPlain(text)
        }
        if tag == binaryTag {
            guard let bytes = decodeBase64(text) else {
                throw HelmTagMismatch(message: "!!binary value contains invalid base64 data")
            }
            return .string(String(decoding: bytes, as: UTF8.self))
        }
        let resolvable = [stringTag, boolTag, intTag, floatTag, nullTag, timestampTag]
        guard resolvable.contains(tag) else { return .string(text) }
        let (resolvedTag, scalar) = resolveTagged(text, tag: tag)
        if tag == resolvedTag || tag == stringTag { return scalar }
        if tag == floatTag, case .int(let value) = scalar { return .float(Double(value)) }
        throw HelmTagMismatch(message: "cannot decode \(shortTag(resolvedTag)) `\(text)` as a \(shortTag(tag))")
    }

    /// True when a PLAIN scalar with this text reads back as exactly this string.
    ///
    /// False for `<<` too: it is a string as a value but the merge key as a key, so it must be quoted to be safe.
    public static func readsAsString(plain text: String) -> Bool {
        guard text != "<<" else { return false }
        return resolveImplicit(text, tag: "") == .string(text)
    }

    /// The string Helm uses as a mapping key for this scalar (nil where Helm refuses the key, e.g. null).
    ///
    /// sigs.k8s.io/yaml converts keys for JSON: booleans become `true`/`false`, integers their decimal digits,
    /// floats Go's `FormatFloat(f, 'g', -1, 32)` (shortest digits of the 32-bit float: `1.0` is `1`, `1e20` is
    /// `1e+20`, `123456789.0` is `1.2345679e+08`, infinities `.inf`/`-.inf`, NaN `.nan`). It refuses null and
    /// unsigned integers above `Int64.max`.
    public static func keyString(for scalar: HelmScalar) -> String? {
        switch scalar {
        case .null, .uint: nil
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .float(let value): goShortestFloat32(value)
        case .string(let value): value
        }
    }

    // MARK: - go-yaml's resolve

    static func shortTag(_ tag: String) -> String {
        tag.hasPrefix(yamlTagPrefix) ? "!!" + tag.dropFirst(yamlTagPrefix.count) : tag
    }

    /// Plain text with no tag.
    static func resolveImplicit(_ text: String, tag: String) -> HelmScalar {
        resolveTagged(text, tag: tag).scalar
    }

    /// go-yaml's `resolve` for the resolvable tags: the tag the text resolves to, and its value.
    static func resolveTagged(_ text: String, tag: String) -> (tag: String, scalar: HelmScalar) {
        // A replica count, a port: plain decimal digits are an int whatever the tag (but `!!str`), read without the
        // copies and Character walks of the general way (a test compares the two).
        if !isStringTag(tag), let value = plainDecimal(text) { return (intTag, .int(value)) }
        return resolveTaggedByHint(text, tag: tag)
    }

    /// Untagged plain text that may be more than a string: a replica count, a port, `true`, `false` or `null` is
    /// read at once (what `resolveImplicit` gives them, without hashing the text into `table` or carrying a tag);
    /// anything else goes `resolveImplicit`'s way past its own `plainDecimal` (already known to fail). A test holds
    /// the two to each other.
    static func resolveUntaggedPlain(_ text: String) -> HelmScalar {
        if let value = plainDecimal(text) { return .int(value) }
        // Compared only with the word of its length: a string that differs is compared out of line.
        switch text.utf8.count {
        case 4:
            if text == "true" { return .bool(true) }
            if text == "null" { return .null }
        case 5:
            if text == "false" { return .bool(false) }
        default:
            break
        }
        return resolveTaggedByHint(text, tag: "").scalar
    }

    /// True for `!!str` (`tag:yaml.org,2002:str`). The untagged scalar's empty tag, the common case, is told apart
    /// without a string comparison (an empty and a long string compare the slow way).
    @inline(__always)
    static func isStringTag(_ tag: String) -> Bool {
        !tag.isEmpty && tag == stringTag
    }

    /// Up to 18 decimal digits without a leading zero (which would make the number octal), or `0`: the value.
    static func plainDecimal(_ text: String) -> Int64? {
        let utf8 = text.utf8
        guard let first = firstByte(of: text), first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9"),
            first != UInt8(ascii: "0") || utf8.count == 1
        else { return nil }
        var value: Int64 = 0
        var digits = 0
        for byte in utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return value
    }

    /// go-yaml's `resolve`, led by the first byte's hint as go-yaml is.
    static func resolveTaggedByHint(_ text: String, tag: String) -> (tag: String, scalar: HelmScalar) {
        let hint = firstByte(of: text).map(Self.hint) ?? UInt8(ascii: "M")
        guard hint != 0, !isStringTag(tag) else { return (stringTag, .string(text)) }
        // No word of `table` starts with a digit: `100m`, `1Gi`, `0.5` need not be hashed to learn that.
        if hint != UInt8(ascii: "D"), text.utf8.count <= longestTableWord, isTableWord(text), let known = table[text] {
            return known
        }
        switch hint {
        case UInt8(ascii: "."):
            if let value = parseGoFloat(text) { return (floatTag, .float(value)) }
        case UInt8(ascii: "D"), UInt8(ascii: "S"):
            if tag == "" || tag == timestampTag, isTimestamp(text) { return (timestampTag, .string(text)) }
            guard holdsOnlyNumberBytes(text) else { break }
            let plain = text.utf8.contains(UInt8(ascii: "_")) ? text.filter { $0 != "_" } : text
            if let value = parseGoInt(plain) { return (intTag, .int(value)) }
            if let value = parseGoUInt(plain) { return (intTag, .uint(value)) }
            if matchesYAMLStyleFloat(plain), let value = parseGoFloat(plain) { return (floatTag, .float(value)) }
        // go-yaml's own `0b` and `-0b` retries and its big-integer branch are not reached in Helm: Go's base-0
        // parse already reads `0b`, and wider integers stay strings (checked against Helm v4).
        default:
            break
        }
        return (stringTag, .string(text))
    }

    /// True for untagged text that go-yaml reads as exactly the string it says: quoted or block text, or plain text
    /// that ``isPlainString(_:)`` knows is a string. The resolver, the one-walk decoder's keys and the duplicate-key
    /// search take this shortcut before any general reading.
    @inline(__always)
    static func readsAsItsText(_ text: String, style: YAMLNodeStyle) -> Bool {
        style.isQuotedOrBlockScalar || isPlainString(text)
    }

    /// True for untagged plain text that go-yaml reads as the string it is without looking further, like most keys
    /// and words (`image`, `certificates`, `ClusterIP`, `name`, `type`): text led by a byte that starts no number,
    /// boolean, null or float (go-yaml's hint), and text led by one that starts a word of `table` (`y`, `n`, `t`, `f`,
    /// `o`, `~`, either case) that is no word of it (go-yaml looks such text up in its table and, not finding it, keeps
    /// it a string). Not `<<`, which is a string as a value but the merge key as a key. Tests hold it to the general
    /// way.
    @inline(__always)
    static func isPlainString(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = firstByte(of: text) else { return false }
        switch hint(first) {
        case 0: return first != UInt8(ascii: "<") || text != "<<"
        case UInt8(ascii: "M"): return utf8.count > longestTableWord || !isTableWord(text)
        default: return false
        }
    }

    /// True when `text` is a word of `table` (`table[text] != nil`), told without hashing the text: short ASCII text
    /// is packed into one integer and searched for among the table's words packed the same way. (Keys such as `name`,
    /// `tag` or `type` are led by a byte that may start a word; hashing each to learn that it is none cost more than
    /// the rest of its reading.)
    static func isTableWord(_ text: String) -> Bool {
        guard let packed = packedWord(text) else { return table[text] != nil }
        let words = packedTableWords
        var low = 0
        var high = words.count
        while low < high {
            let middle = (low + high) / 2
            if words[middle] < packed { low = middle + 1 } else { high = middle }
        }
        return low < words.count && words[low] == packed
    }

    /// The words of `table` packed by ``packedWord(_:)``, in increasing order.
    static let packedTableWords: [UInt64] = table.keys.map { packedWord($0)! }.sorted()

    /// Up to 7 bytes of ASCII text in one integer, the first byte lowest and the byte count in the top byte; nil for
    /// longer text or text with a byte outside ASCII. Two texts packed are equal exactly when they are (text outside
    /// ASCII, whose equality is Unicode's, is not packed).
    ///
    /// The bytes are read from the text's storage in one go: through the view's iterator, each byte was fetched on
    /// its own (for a small string, by copying the whole string out of its two words first).
    @inline(__always)
    static func packedWord(_ text: String) -> UInt64? {
        let count = text.utf8.count
        guard count <= 7 else { return nil }
        // Text without contiguous storage (none on this platform) is not packed, and so looked up by its hash.
        let packed = text.utf8.withContiguousStorageIfAvailable { bytes -> UInt64? in
            var packed = UInt64(count) &<< 56
            for index in 0..<count {
                let byte = bytes[index]
                guard byte < 0x80 else { return nil }
                packed |= UInt64(byte) &<< (UInt64(index) &* 8)
            }
            return packed
        }
        return packed ?? nil
    }

    /// The text's first UTF-8 byte, read through the view's iterator (inlined, unlike `utf8.first`, which every
    /// scalar and key would otherwise call out of line).
    @inline(__always)
    static func firstByte(of text: String) -> UInt8? {
        var bytes = text.utf8.makeIterator()
        return bytes.next()
    }

    /// go-yaml's hint for text led by this byte: `S` (a sign), `D` (a digit), `.`, `M` (a word of `table`), or 0
    /// (nothing but a string).
    @inline(__always)
    static func hint(_ first: UInt8) -> UInt8 {
        switch first {
        case UInt8(ascii: "+"), UInt8(ascii: "-"): UInt8(ascii: "S")
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(ascii: "D")
        case UInt8(ascii: "."): UInt8(ascii: ".")
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
            UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"),
            UInt8(ascii: "~"):
            UInt8(ascii: "M")
        default: 0
        }
    }

    /// The fixed words of YAML 1.1 that go-yaml v2 knows.
    static let table: [String: (tag: String, scalar: HelmScalar)] = {
        var table: [String: (tag: String, scalar: HelmScalar)] = [:]
        let rows: [(String, HelmScalar, [String])] = [
            (boolTag, .bool(true), ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]),
            (boolTag, .bool(false), ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]),
            (nullTag, .null, ["", "~", "null", "Null", "NULL"]),
            (floatTag, .float(.nan), [".nan", ".NaN", ".NAN"]),
            (floatTag, .float(.infinity), [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]),
            (floatTag, .float(-.infinity), ["-.inf", "-.Inf", "-.INF"]),
            (mergeTag, .string("<<"), ["<<"]),
        ]
        for (tag, scalar, words) in rows {
            for word in words { table[word] = (tag, scalar) }
        }
        return table
    }()

    /// The longest word of `table`, in bytes: longer text is not looked up.
    static let longestTableWord = table.keys.map(\.utf8.count).max() ?? 0

    // MARK: - Go's strconv, as far as go-yaml uses it

    /// `strconv.ParseInt(text, 0, 64)`, applied after underscores were removed.
    static func parseGoInt(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard let magnitude = parseGoUInt(body) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// `strconv.ParseUint(text, 0, 64)`: no sign; `0x`, `0o`, `0b` or a leading `0` choose the base.
    static func parseGoUInt<Text: StringProtocol>(_ text: Text) -> UInt64? {
        var digits = Substring(text).utf8
        var radix: UInt64 = 10
        if digits.count >= 2, digits.first == UInt8(ascii: "0") {
            switch digits[digits.index(after: digits.startIndex)] {
            case UInt8(ascii: "x"), UInt8(ascii: "X"): radix = 16; digits = digits.dropFirst(2)
            case UInt8(ascii: "o"), UInt8(ascii: "O"): radix = 8; digits = digits.dropFirst(2)
            case UInt8(ascii: "b"), UInt8(ascii: "B"): radix = 2; digits = digits.dropFirst(2)
            default: radix = 8; digits = digits.dropFirst()
            }
        }
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt64(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt64(byte - UInt8(ascii: "A")) + 10
            default: return nil
            }
            guard digit < radix else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
            let (sum, carry) = shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }

    /// True when text matches go-yaml's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    static func matchesYAMLStyleFloat(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func digitRun() -> Int {
            let count = bytes.prefix(while: isDigit).count
            bytes = bytes.dropFirst(count)
            return count
        }
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            bytes = bytes.dropFirst()
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digitRun() > 0 else { return false }
        } else {
            guard digitRun() > 0 else { return false }
            if bytes.first == UInt8(ascii: ".") {
                bytes = bytes.dropFirst()
                _ = digitRun()
            }
        }
        if let first = bytes.first, first == UInt8(ascii: "e") || first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
            }
            guard digitRun() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// `strconv.ParseFloat(text, 64)` for decimal text: digits with an optional point and exponent, underscores
    /// only between digits; nil on a syntax error or an overflow (Go's range error). Underflow gives zero.
    static func parseGoFloat(_ text: String) -> Double? {
        var sawDigits = false
        var sawExponentDigits = false
        var state = 0  // 0 integer part, 1 fraction, 2 exponent sign allowed, 3 exponent digits
        var previous: Character = "^"
        for (index, character) in text.enumerated() {
            switch character {
            case "+", "-":
                guard index == 0 || state == 2 else { return nil }
                if state == 2 { state = 3 }
            case "0"..."9":
                if state >= 2 { state = 3; sawExponentDigits = true } else { sawDigits = true }
            case "_":
                guard previous.isASCII, previous.isNumber else { return nil }
            case ".":
                guard state == 0 else { return nil }
                state = 1
            case "e", "E":
                guard state <= 1, sawDigits else { return nil }
                state = 2
            default:
                return nil
            }
            if previous == "_", !(character.isASCII && character.isNumber) { return nil }
            previous = character
        }
        guard sawDigits, previous != "_", state < 2 || sawExponentDigits else { return nil }
        guard let value = Double(text.filter { $0 != "_" }), value.isFinite else { return nil }
        return value
    }

    /// False for text with a byte that no integer, unsigned integer or float may hold (`100m`, `1Gi`, `-Dkey`):
    /// Go's base-0 integers hold digits, hex digits, a sign and the base letters `x`, `o`, `b`; floats digits, a
    /// sign, a point and an exponent `e`; go-yaml removes underscores first. Such text is a string, known after one
    /// pass over its bytes instead of three parses.
    static func holdsOnlyNumberBytes(_ text: String) -> Bool {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"), UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "o"),
                UInt8(ascii: "O"), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                continue
            default:
                return false
            }
        }
        return true
    }

    /// True for text go-yaml takes as a timestamp: `YYYY-M-D`, optionally with a time (`T`, `t` or a space).
    static func isTimestamp(_ text: String) -> Bool {
        // Most text that starts with a digit is no date: look at its fifth byte before copying it.
        let utf8 = text.utf8
        guard utf8.count > 4, utf8[utf8.index(utf8.startIndex, offsetBy: 4)] == UInt8(ascii: "-") else { return false }
        let bytes = Array(utf8)
        guard bytes.count > 4, bytes[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }), bytes[4] == UInt8(ascii: "-")
        else { return false }
        var index = 5
        func number(maxDigits: Int) -> Int? {
            var value = 0
            var count = 0
            while index < bytes.count, count < maxDigits, bytes[index] >= 48, bytes[index] <= 57 {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
                count += 1
            }
            return count == 0 ? nil : value
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        let year = Int(String(decoding: bytes[0..<4], as: UTF8.self)) ?? 0
        guard let month = number(maxDigits: 2), (1...12).contains(month), expect("-"),
            let day = number(maxDigits: 2), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= monthDays[month - 1] else { return false }
        if index == bytes.count { return true }
        let separator = bytes[index]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
        else { return false }
        index += 1
        guard let hour = number(maxDigits: 2), hour < 24, expect(":"), let minute = number(maxDigits: 2),
            minute < 60, expect(":"), let second = number(maxDigits: 2), second < 60
        else { return false }
        // Go reads any number of fraction digits after the seconds.
        if expect(".") {
            let digits = bytes[index...].prefix(while: { $0 >= 48 && $0 <= 57 }).count
            guard digits > 0 else { return false }
            index += digits
        }
        // `2006-1-2 15:4:5.999999999` has no zone; the `T`/`t` layouts must end with `Z` or `±hh:mm`.
        if separator == UInt8(ascii: " ") { return index == bytes.count }
        if expect("Z") { return index == bytes.count }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else {
            return false
        }
        index += 1
        // Go's range checks on a zone offset are loose: up to 24 hours and 60 minutes.
        guard let zoneHour = number(maxDigits: 2), zoneHour <= 24, expect(":"),
            let zoneMinute = number(maxDigits: 2), zoneMinute <= 60
        else { return false }
        return index == bytes.count
    }

    /// Go's `base64.StdEncoding.DecodeString`: padded standard alphabet; line breaks are skipped.
    static func decodeBase64(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { continue }
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0 else { return nil }
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - 97 + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte - 48 + 52)
            case UInt8(ascii: "+"): values.append(62)
            case UInt8(ascii: "/"): values.append(63)
            default: return nil
            }
        }
        guard (values.count + padding) % 4 == 0, padding <= 2, padding == 0 || values.count % 4 == 4 - padding
        else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            let a = UInt32(chunk[chunk.startIndex]) << 18
            let b = chunk.count > 1 ? UInt32(chunk[chunk.startIndex + 1]) << 12 : 0
            let c = chunk.count > 2 ? UInt32(chunk[chunk.startIndex + 2]) << 6 : 0
            let d = chunk.count > 3 ? UInt32(chunk[chunk.startIndex + 3]) : 0
            let word = a | b | c | d
            bytes.append(UInt8(word >> 16 & 0xFF))
            if chunk.count > 2 { bytes.append(UInt8(word >> 8 & 0xFF)) }
            if chunk.count > 3 { bytes.append(UInt8(word & 0xFF)) }
            guard chunk.count > 1 else { return nil }
            index += 4
        }
        return bytes
    }

    /// Go's `strconv.FormatFloat(value, 'g', -1, 32)` with go-yaml's names for infinities and NaN.
    static func goShortestFloat32(_ value: Double) -> String {
        let single = Float(value)
        if single.isNaN { return ".nan" }
        if single.isInfinite { return single < 0 ? "-.inf" : ".inf" }
        let negative = single.sign == .minus
        // Swift prints the shortest digits that read back as the same Float, like Go; only the layout differs.
        var text = "\(single.magnitude)"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = String(parts[0])
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = Array(integerPart + fractionPart)
        var pointPosition = integerPart.count + exponent  // digits before the decimal point
        while let first = digits.first, first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while let last = digits.last, last == "0" { digits.removeLast() }
        let sign = negative ? "-" : ""
        if digits.isEmpty { return sign + "0" }
        let decimalExponent = pointPosition - 1
        if decimalExponent < -4 || decimalExponent >= 6 {
            var mantissa = String(digits[0])
            if digits.count > 1 { mantissa += "." + String(digits[1...]) }
            let magnitude = abs(decimalExponent)
            let exponentText = (magnitude < 10 ? "0" : "") + String(magnitude)
            return sign + mantissa + "e" + (decimalExponent < 0 ? "-" : "+") + exponentText
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + String(digits)
        }
        if pointPosition >= digits.count {
            return sign + String(digits) + String(repeating: "0", count: pointPosition - digits.count)
        }
        return sign + String(digits[..<pointPosition]) + "." + String(digits[pointPosition...])
    }
}
