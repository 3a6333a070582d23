import CertMigration
import Foundation
import Testing

@Suite("Timestamps: RFC 3339 by arithmetic; every valid one read and written as Foundation's formatter does")
struct TimestampTests {
    static func reference(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    static func referenceFormat(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    @Test(
        "fixed cases",
        arguments: [
            ("2030-09-14T08:12:00Z", "2030-09-14T08:12:00Z"),
            ("2030-09-14T10:12:00+02:00", "2030-09-14T08:12:00Z"),
            ("2030-09-14T00:12:00-08:30", "2030-09-14T08:42:00Z"),
            ("2024-02-29T23:59:59.999Z", "2024-02-29T23:59:59Z"),
            ("2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z"),
            ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
            ("2026-01-01T00:00:00+14:00", "2025-12-31T10:00:00Z"),
        ])
    func fixed(text: String, utc: String) {
        #expect(Timestamp.normalizedUTC(text) == utc)
        #expect(Timestamp.date(text) == Self.reference(text))
    }

    @Test(
        "refused, including what Foundation's lenient formatter rolls over (2023-02-29 as 1 March, 24:00, +0200)",
        arguments: [
            "", "2030-09-14", "2030-09-14T08:12Z", "2030-09-14T08:12:00", "2030-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2030-04-31T00:00:00Z", "2030-09-14T24:00:00Z",
            "2030-09-14T08:60:00Z", "2030-09-14T08:12:00.Z", "2030-09-14T08:12:00Z ", "30-09-14T08:12:00Z",
            "2030-09-14 08:12:00Z", "2030-09-14T08:12:00+0200", "2030-09-14T08:12:00+2:00", "２０３０-09-14T08:12:00Z",
        ])
    func refused(text: String) {
        #expect(Timestamp.date(text) == nil)
    }

    @Test("10,000 random instants and offsets read and written as the formatter does")
    func differential() {
        var seed: UInt64 = 0x5EED
        func next(_ range: ClosedRange<Int>) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int((seed >> 33) % UInt64(range.count))
        }
        var mismatches: [String] = []
        for _ in 0..<10_000 {
            let seconds = next(-2_208_988_800...7_258_118_400)  // 1900 to 2200
            let offsetMinutes = next(-14 * 60...14 * 60)
            let date = Date(timeIntervalSince1970: Double(seconds))
            let utc = Timestamp.format(date)
            if utc != Self.referenceFormat(date) { mismatches.append("format \(seconds): \(utc)") }
            // The same instant written with an offset.
            let local = Self.referenceFormat(date.addingTimeInterval(Double(offsetMinutes * 60)))
            let sign = offsetMinutes < 0 ? "-" : "+"
            let magnitude = abs(offsetMinutes)
            let text = String(local.dropLast()) + sign + String(format: "%02d:%02d", magnitude / 60, magnitude % 60)
            if Timestamp.date(text) != Self.reference(text) || Timestamp.date(text) != date {
                mismatches.append("parse \(text)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}

extension TimestampTests {
    @Test("the day alone is the first ten characters of the timestamp, years 0 to 9999 and beyond")
    func dayAlone() {
        var random = SplitMix64(state: 20_261_126)
        let edges: [Double] = [
            -62_167_219_200, -62_167_219_201, 253_402_300_799, 253_402_300_800, 0, -1, 86_399, 86_400, 951_782_400,
        ]
        let samples = (0..<5_000).map { _ in
            Double(Int64.random(in: -62_300_000_000...253_500_000_000, using: &random))
        }
        for seconds in edges + samples {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.day(date) == String(Timestamp.format(date).prefix(10)), "\(seconds)")
        }
    }
}
