import Testing

@testable import YAMLKit

/// The resolver's shortcut for plain decimal digits (`HelmScalarResolver.resolveTagged`) against go-yaml's general
/// way (`resolveTaggedByHint`): the same tag and value for every text and tag, on fixed cases and on seeded texts
/// made of the characters that matter to numbers, dates and YAML's words; and `SourceText`'s line index against a
/// plain reading of the bytes.
@Suite struct ScalarShortcutTests {
    static let tags = [
        "", HelmScalarResolver.intTag, HelmScalarResolver.floatTag, HelmScalarResolver.timestampTag,
        HelmScalarResolver.boolTag, HelmScalarResolver.nullTag, HelmScalarResolver.stringTag,
    ]

    /// Nil when both ways give the same tag and value (compared as printed, so that NaN equals NaN).
    static func difference(_ text: String, tag: String) -> String? {
        let fast = HelmScalarResolver.resolveTagged(text, tag: tag)
        let general = HelmScalarResolver.resolveTaggedByHint(text, tag: tag)
        guard fast.tag != general.tag || "\(fast.scalar)" != "\(general.scalar)" else { return nil }
        return "\(text.debugDescription) with tag \(tag.debugDescription): \(fast) / \(general)"
    }

    static let fixed = [
        "0", "00", "007", "1", "10", "8080", "123456789012345678", "1234567890123456789", "9223372036854775807",
        "9223372036854775808", "18446744073709551616", "1_000", "0x1F", "0o17", "0b101", "1e3", "1.5", "2024-01-31",
        "2024-1-2", "12345", "1234-", "100m", "2.16.1", "+1", "-1", "-0", "", "~", "true", "no", "null", ".inf",
        "+.inf", "-.Inf", ".nan", "<<", "1 2", "١٢",
    ]

    @Test(arguments: fixed)
    func fixedTextsResolveAlikeBothWays(text: String) {
        for tag in Self.tags {
            #expect(Self.difference(text, tag: tag) == nil)
        }
    }

    /// Untagged plain text led by a byte that starts nothing but a string is taken as one at once
    /// (`checkedResolve`); everything else still goes the general way.
    @Test func untaggedPlainTextLedByAnyByteResolvesAsTheGeneralWay() throws {
        var texts = Self.fixed + ["keda", "operator", "ClusterIP", "yes", "Off", "@x", "=", "é", "*a", "<<", "%", "`"]
        for byte in UInt8(0x20)...UInt8(0x7E) {
            texts.append(String(decoding: [byte], as: UTF8.self))
            texts.append(String(decoding: [byte, 0x31, 0x65], as: UTF8.self))
        }
        for text in texts {
            let general = HelmScalarResolver.resolveTaggedByHint(text, tag: "").scalar
            let resolved = try HelmScalarResolver.checkedResolve(text, style: .plain, tag: nil)
            #expect("\(resolved)" == "\(general)", "\(text.debugDescription)")
        }
    }

    /// Text led by a digit or sign that holds a byte no number holds is a string without parsing
    /// (`holdsOnlyNumberBytes`): Go's integer and unsigned parsers and go-yaml's float reading refuse all such text.
    /// Every byte is tried where it would make a number (`+1`, `0x1`, `0_1`, `0.1`, `0e1`, `0xF`).
    @Test func textWithAByteNoNumberHoldsIsRefusedByEveryNumberParser() {
        var texts = Self.fixed + ["100m", "1Gi", "500Mi", "-Dkey", "0x1g", "1e3k", "1_0h", "-1é", "0x١"]
        for byte in UInt8(0x20)...UInt8(0x7E) {
            let character = String(decoding: [byte], as: UTF8.self)
            texts += [character + "1", "0" + character + "1", "0x" + character]
        }
        var refused = 0
        for text in texts where !HelmScalarResolver.holdsOnlyNumberBytes(text) {
            let plain = text.filter { $0 != "_" }
            #expect(HelmScalarResolver.parseGoInt(plain) == nil, "\(text.debugDescription)")
            #expect(HelmScalarResolver.parseGoUInt(plain) == nil, "\(text.debugDescription)")
            #expect(
                !HelmScalarResolver.matchesYAMLStyleFloat(plain) || HelmScalarResolver.parseGoFloat(plain) == nil,
                "\(text.debugDescription)")
            refused += 1
        }
        #expect(refused > 200)
        #expect(HelmScalarResolver.holdsOnlyNumberBytes("-0x1F_0.5e+3Oo"))
        #expect(HelmScalarResolver.resolveImplicit("100m", tag: "") == .string("100m"))
        #expect(HelmScalarResolver.resolveImplicit("0x1F", tag: "") == .int(31))
    }

    @Test func theShortcutTakesPlainDecimalsOnly() {
        #expect(HelmScalarResolver.plainDecimal("8080") == 8080)
        #expect(HelmScalarResolver.plainDecimal("0") == 0)
        #expect(HelmScalarResolver.plainDecimal("007") == nil, "a leading zero makes the number octal")
        #expect(HelmScalarResolver.plainDecimal("1_000") == nil)
        #expect(HelmScalarResolver.plainDecimal("1234567890123456789") == nil, "19 digits take the general way")
        #expect(HelmScalarResolver.plainDecimal("") == nil)
        #expect(HelmScalarResolver.plainDecimal("12a") == nil)
    }

    @Test(arguments: [UInt64(0x5CA1), 0x5CA2, 0x5CA3])
    func seededTextsResolveAlikeBothWays(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let pieces = [
            "0", "1", "7", "9", "0", "5", "_", "+", "-", ".", "e", "E", "x", "o", "b", "T", "t", " ", ":", "Z", "n",
            "y", "inf", "nan", "2024-", "12-", "31", "00:00:00", "true", "null", "~",
        ]
        var compared = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...8, using: &random) { text += random.pick(pieces) }
            let tag = random.pick(Self.tags)
            compared += 1
            if let difference = Self.difference(text, tag: tag) {
                Issue.record("seed \(seed): \(difference)")
                return
            }
        }
        #expect(compared == 20_000)
    }

    @Test(arguments: [UInt64(0x11E1), 0x11E2])
    func lineStartsASCIIAndNULMatchAPlainReading(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        // Runs of plain bytes longer than a word, so that both the word and the byte reading are taken.
        let pieces: [[UInt8]] = [
            [0x61], [0x20], [0x0A], [0x0D], [0x0D, 0x0A], [0xC3, 0xA9], [0x7F], [0x3A], [0x00],
            Array(repeating: 0x62, count: 9), Array(repeating: 0x20, count: 17), [0x09, 0x0B, 0x0C, 0x0E, 0x8A, 0x8D],
        ]
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &random) { bytes += random.pick(pieces) }
            let source = SourceText(bytes)
            var starts = [0]
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                if bytes[index] == 0x0A || bytes[index] == 0x0D { starts.append(index + 1) }
                index += 1
            }
            #expect(source.lineStarts == starts, "\(bytes)")
            #expect(source.isASCII == bytes.allSatisfy { $0 < 0x80 }, "\(bytes)")
            #expect(source.firstNULOffset == bytes.firstIndex(of: 0), "\(bytes)")
        }
    }
}

/// `parseGoUInt` reads bytes; these are Go's `strconv.ParseUint(s, 0, 64)` answers.
@Suite struct GoUnsignedParsingTests {
    @Test func basesPrefixesAndOverflow() {
        #expect(HelmScalarResolver.parseGoUInt("0") == 0)
        #expect(HelmScalarResolver.parseGoUInt("17") == 17)
        #expect(HelmScalarResolver.parseGoUInt("017") == 15, "a leading zero is octal")
        #expect(HelmScalarResolver.parseGoUInt("08") == nil)
        #expect(HelmScalarResolver.parseGoUInt("0x1F") == 31)
        #expect(HelmScalarResolver.parseGoUInt("0XfF") == 255)
        #expect(HelmScalarResolver.parseGoUInt("0o17") == 15)
        #expect(HelmScalarResolver.parseGoUInt("0b101") == 5)
        #expect(HelmScalarResolver.parseGoUInt("0b102") == nil)
        #expect(HelmScalarResolver.parseGoUInt("0x") == nil)
        #expect(HelmScalarResolver.parseGoUInt("") == nil)
        #expect(HelmScalarResolver.parseGoUInt("+5") == nil)
        #expect(HelmScalarResolver.parseGoUInt("1a") == nil)
        #expect(HelmScalarResolver.parseGoUInt("18446744073709551615") == UInt64.max)
        #expect(HelmScalarResolver.parseGoUInt("18446744073709551616") == nil, "overflow")
        #expect(HelmScalarResolver.parseGoUInt("0xFFFFFFFFFFFFFFFF") == UInt64.max)
        #expect(HelmScalarResolver.parseGoUInt("0x10000000000000000") == nil)
        #expect(HelmScalarResolver.parseGoUInt("１２") == nil, "full-width digits are not digits to Go")
        #expect(HelmScalarResolver.parseGoUInt("1e3"[...]) == nil)
    }
}
