import Foundation

/// RFC 3339 timestamps as certificates' `notAfter` is written in facts files.
public enum Timestamp {
    /// The timestamp in UTC as `YYYY-MM-DDTHH:MM:SSZ`, or nil when the text is not RFC 3339.
    public static func normalizedUTC(_ text: String) -> String? {
        date(text).map(format)
    }

    /// The instant an RFC 3339 timestamp names, fractional seconds allowed.
    public static func date(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
