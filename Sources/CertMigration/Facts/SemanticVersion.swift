/// A version number as KEDA, its chart, cert-manager and Kubernetes print them: `2.16.1`, `v1.15.3`,
/// `v1.28.9-eks-036c24b`, `1.29`.
///
/// The leading `v` is optional; a missing patch reads as 0 (`1.29` is `1.29.0`). What follows the patch after `-` or
/// `+` (a pre-release or a provider's build suffix such as `-eks-036c24b` or `-gke.1200`) is kept as `suffix` and
/// ignored by comparison, because providers use it for their own builds of the same upstream release.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The major version.
    public var major: Int
    /// The minor version.
    public var minor: Int
    /// The patch version (0 when the text had none).
    public var patch: Int
    /// Whatever followed the patch (`-eks-036c24b`, `+k3s1`, `-rc.1`), without its leading `-` or `+`.
    public var suffix: String?

    /// Creates a version.
    public init(_ major: Int, _ minor: Int, _ patch: Int = 0, suffix: String? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.suffix = suffix
    }

    /// Why a text is not a version, in words a person can act on.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The text that was read.
        public var text: String
        /// What is wrong with it.
        public var reason: String
        /// The sentence to show: what was found and what was expected.
        public var description: String {
            "`\(text)` is not a version: \(reason); expected MAJOR.MINOR[.PATCH] such as 1.28.9 or v1.28.9-eks-036c24b"
        }
    }

    /// Parses a version, refusing anything that is not `[v]MAJOR.MINOR[.PATCH][-+suffix]` with decimal numbers.
    public static func parse(_ text: String) throws(ParseError) -> SemanticVersion {
        if let version = parseASCII(text) { return version }
        return try parseCharacters(text)
    }

    /// ``parse(_:)`` by `Character`s: any text, and the reason a text is not a version.
    static func parseCharacters(_ text: String) throws(ParseError) -> SemanticVersion {
        let trimmed = text.trimmingWhitespace()
        var rest = Substring(trimmed)
        if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
        var suffix: String?
        if let cut = rest.firstIndex(where: { $0 == "-" || $0 == "+" }) {
            suffix = String(rest[rest.index(after: cut)...])
            rest = rest[..<cut]
            if suffix?.isEmpty == true {
                throw ParseError(text: text, reason: "nothing follows the `-` or `+`")
            }
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else {
            throw ParseError(
                text: text,
                reason: parts.count < 2 ? "it has no minor version" : "it has more than three numbers")
        }
        var numbers: [Int] = []
        for part in parts {
            // Up to nine ASCII digits, read from the bytes (cheaper than asking each Character `isNumber`, then
            // `Int(Substring)`, for the few hundred versions the chart catalog parses at every start).
            var number = 0
            var digits = 0
            for byte in part.utf8 {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 9 else {
                    digits = 10  // not a digit, or a tenth one
                    break
                }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            }
            guard digits >= 1, digits <= 9 else {
                throw ParseError(text: text, reason: "`\(part)` is not a decimal number")
            }
            numbers.append(number)
        }
        return SemanticVersion(numbers[0], numbers[1], numbers.count == 3 ? numbers[2] : 0, suffix: suffix)
    }

    /// ``parse(_:)`` of a well-formed version in ASCII without a CR, from the bytes: its characters are then its
    /// bytes, so the result is the same. Nil for anything else (other bytes, a malformed version), which
    /// ``parse(_:)`` reads by `Character`s and explains.
    static func parseASCII(_ text: String) -> SemanticVersion? {
        var text = text
        return text.withUTF8 { bytes -> SemanticVersion? in
            var start = 0
            var end = bytes.count
            for byte in bytes where byte >= 0x80 || byte == UInt8(ascii: "\r") { return nil }
            func isBlank(_ byte: UInt8) -> Bool {
                byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            }
            while start < end, isBlank(bytes[start]) { start += 1 }
            while end > start, isBlank(bytes[end - 1]) { end -= 1 }
            if start < end, bytes[start] == UInt8(ascii: "v") || bytes[start] == UInt8(ascii: "V") { start += 1 }
            var numbers = (0, 0, 0)
            var count = 0
            var index = start
            while true {
                var number = 0
                var digits = 0
                while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    if digits < 9 { number = number * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                    digits += 1
                    index += 1
                }
                guard digits >= 1, digits <= 9, count < 3 else { return nil }
                switch count {
                case 0: numbers.0 = number
                case 1: numbers.1 = number
                default: numbers.2 = number
                }
                count += 1
                guard index < end, bytes[index] == UInt8(ascii: ".") else { break }
                index += 1
            }
            guard count >= 2 else { return nil }
            var suffix: String?
            if index < end {
                guard bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+"), index + 1 < end else {
                    return nil
                }
                suffix = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self)
            }
            return SemanticVersion(numbers.0, numbers.1, numbers.2, suffix: suffix)
        }
    }

    /// `MAJOR.MINOR.PATCH` without any suffix.
    public var core: String { Self.dotted(major, minor, patch) }

    /// `MAJOR.MINOR`.
    public var minorSeries: String { Self.dotted(major, minor, nil) }

    /// The version as written by `parse`'s canonical form: `MAJOR.MINOR.PATCH[-suffix]`.
    public var description: String {
        guard let suffix else { return core }
        return core + "-" + suffix
    }

    /// The numbers in decimal with a dot between each two, written as bytes into a buffer on the stack
    /// (``ByteWriter/writeDecimal(_:to:)``): the versions of every report and plan are written this way, and an
    /// interpolation cost several times as much (a string for each number, then appends). The text of a usual version
    /// fits a small string (no allocation).
    private static func dotted(_ first: Int, _ second: Int, _ third: Int?) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 * ByteWriter.maxDecimalCount + 2) { buffer in
            let start = buffer.baseAddress!
            var count = ByteWriter.writeDecimal(first, to: start)
            func dotAndDecimal(_ number: Int) {
                start[count] = UInt8(ascii: ".")
                count += 1
                count += ByteWriter.writeDecimal(number, to: start + count)
            }
            dotAndDecimal(second)
            if let third { dotAndDecimal(third) }
            return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        }
    }

    /// Compares major, minor and patch; suffixes do not order versions.
    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    /// Equal when major, minor and patch are; the suffix is a provider's build and does not count.
    public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) == (rhs.major, rhs.minor, rhs.patch)
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
    }

    /// Decodes from a version string.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try Self.parse(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
        }
    }

    /// Encodes as `description`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
