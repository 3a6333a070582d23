/// A duration in Go's `time.ParseDuration` syntax (`8760h0m0s`, `1.5h`, `90m`), as cert-manager reads
/// `spec.duration` and `spec.renewBefore`.
///
/// The syntax: an optional sign, then one or more decimal numbers (digits, an optional fraction; `.5` and `5.` are
/// numbers, `.` is not), each followed by a unit `ns`, `us`, `µs` (U+00B5), `μs` (U+03BC), `ms`, `s`, `m` or `h`.
/// A lone `0` is zero. Durations beyond Go's `int64` nanoseconds (about 2,562,047 hours) are refused, as Go
/// refuses them.
public struct GoDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in nanoseconds.
    public var nanoseconds: Int64

    /// Creates a duration of a number of nanoseconds.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// Parses Go syntax; nil when the text is not a Go duration.
    public init?(_ text: String) {
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if let sign = scalars.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            scalars = scalars.dropFirst()
        }
        if String(scalars) == "0" {
            self.init(nanoseconds: 0)
            return
        }
        guard !scalars.isEmpty else { return nil }
        let units: [(String, Double)] = [
            ("ns", 1), ("us", 1e3), ("\u{B5}s", 1e3), ("\u{3BC}s", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9),
            ("h", 3600e9),
        ]
        var total: Double = 0
        while !scalars.isEmpty {
            let integer = scalars.prefix(while: Self.isDigit)
            scalars = scalars.dropFirst(integer.count)
            var fraction = Substring.UnicodeScalarView()
            if scalars.first == "." {
                scalars = scalars.dropFirst()
                fraction = scalars.prefix(while: Self.isDigit)
                scalars = scalars.dropFirst(fraction.count)
            }
            guard !integer.isEmpty || !fraction.isEmpty else { return nil }
            let unitText = String(scalars.prefix { $0 != "." && !Self.isDigit($0) })
            guard let unit = units.first(where: { $0.0 == unitText }) else { return nil }
            scalars = scalars.dropFirst(unitText.unicodeScalars.count)
            let number = Double(
                "\(integer.isEmpty ? "0" : String(integer)).\(fraction.isEmpty ? "0" : String(fraction))")!
            total += number * unit.1
        }
        guard total < 9.223372036854775807e18 else { return nil }
        self.init(nanoseconds: Int64(negative ? -total : total))
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// One hour.
    public static let hour = GoDuration(nanoseconds: 3_600_000_000_000)
    /// One minute.
    public static let minute = GoDuration(nanoseconds: 60_000_000_000)

    /// Orders by length.
    public static func < (lhs: GoDuration, rhs: GoDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// Go's own rendering for whole seconds (`8760h0m0s`, `5m0s`, `0s`), else the nanoseconds (`1500000ns`).
    public var description: String {
        let magnitude = nanoseconds.magnitude
        let sign = nanoseconds < 0 ? "-" : ""
        guard magnitude % 1_000_000_000 == 0 else { return "\(sign)\(magnitude)ns" }
        let seconds = magnitude / 1_000_000_000
        if seconds < 60 { return "\(sign)\(seconds)s" }
        if seconds < 3600 { return "\(sign)\(seconds / 60)m\(seconds % 60)s" }
        return "\(sign)\(seconds / 3600)h\(seconds % 3600 / 60)m\(seconds % 60)s"
    }
}
