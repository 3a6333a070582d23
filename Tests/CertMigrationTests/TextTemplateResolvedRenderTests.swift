import Testing

@testable import CertMigration

/// A well-formed Markdown or text template whose names are all supplied is rendered from its compiled steps, each
/// name looked up once (`TextTemplateRenderer.render()`); every other render looks each use up in the template's
/// order (`renderLookingUpEachUse()`). These tests hold the first to the second on generated templates and values,
/// and check the byte scans and the decimal writer the render relies on.
@Suite struct TextTemplateResolvedRenderTests {
    static let names = ["a", "b", "long_name_1", "c"]
    static let sections = ["s", "t"]

    /// A template of random lines: literal text (with `$${`), placeholders, and section markers (balanced unless
    /// `balanced` is false), LF or CRLF line ends, the last line with or without one.
    static func template(using random: inout SplitMix64, balanced: Bool = true) -> [UInt8] {
        var lines: [String] = []
        var open: [String] = []
        for _ in 0..<Int.random(in: 0...14, using: &random) {
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where !open.isEmpty:
                lines.append("${/\(open.removeLast())}")
            case 1:
                let section = random.pick(sections)
                open.append(section)
                lines.append("${#\(section)}")
            default:
                let pieces = ["text ", "# ", "${\(random.pick(names))}", "$${x}", "é", " ", "`", "$"]
                lines.append((0..<Int.random(in: 0...5, using: &random)).map { _ in random.pick(pieces) }.joined())
            }
        }
        if balanced {
            while let section = open.popLast() { lines.append("${/\(section)}") }
        }
        let ending = random.chance(0.2) ? "\r\n" : "\n"
        var text = lines.joined(separator: ending)
        if random.chance(0.7) { text += ending }
        return Array(text.utf8)
    }

    /// A value of random pieces, some long enough for the eight-byte scans, some with line breaks.
    static func value(using random: inout SplitMix64) -> String {
        let pieces = [
            "word", " ", "\n", "\n\n", "é", "\r\n", "\u{2028}", "0123456789abcdef", "€uro", "🚀", "\u{85}", "\t",
        ]
        return (0..<Int.random(in: 0...24, using: &random)).map { _ in random.pick(pieces) }.joined()
    }

    static func renderer(_ bytes: [UInt8], name: String, values: [String: TemplateValue], sections: [String: Bool])
        -> TextTemplateRenderer
    {
        TextTemplateRenderer(
            file: TemplateFile(name: name, bytes: bytes, origin: .embedded, displayPath: "templates/" + name),
            repeatsLinePrefix: name.hasSuffix(".txt"),
            resolver: PlaceholderResolver(values: values, sections: sections))
    }

    @Test(arguments: ["t.md", "t.txt"])
    func theResolvedRenderWritesWhatLookingUpEachUseWrites(name: String) throws {
        var random = SplitMix64(state: name == "t.md" ? 3 : 5)
        for _ in 0..<1_500 {
            let bytes = Self.template(using: &random)
            var values: [String: TemplateValue] = [:]
            for placeholder in Self.names {
                values[placeholder] =
                    random.chance(0.1)
                    ? random.pick([.integer(Int.random(in: -99...99, using: &random)), .bool(random.chance(0.5))])
                    : .string(Self.value(using: &random))
            }
            let sections = Dictionary(uniqueKeysWithValues: Self.sections.map { ($0, random.chance(0.5)) })
            let renderer = Self.renderer(bytes, name: name, values: values, sections: sections)
            #expect(renderer.compiled.isWellFormed)
            #expect(
                try renderer.render() == renderer.renderLookingUpEachUse(),
                "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    @Test func aMissingNameOrAnUnbalancedSectionFailsAsLookingUpEachUseFails() {
        var random = SplitMix64(state: 13)
        var failures = 0
        for _ in 0..<1_500 {
            let bytes = Self.template(using: &random, balanced: random.chance(0.5))
            var values: [String: TemplateValue] = [:]
            for placeholder in Self.names where random.chance(0.9) {
                values[placeholder] = random.chance(0.1) ? .list([]) : .string(Self.value(using: &random))
            }
            var sections: [String: Bool] = [:]
            for section in Self.sections where random.chance(0.9) { sections[section] = random.chance(0.5) }
            let renderer = Self.renderer(bytes, name: "t.md", values: values, sections: sections)
            let resolved = Result { () throws(TemplateError) in try renderer.render() }
            let lookedUp = Result { () throws(TemplateError) in try renderer.renderLookingUpEachUse() }
            switch (resolved, lookedUp) {
            case (.success(let left), .success(let right)):
                #expect(left == right)
            case (.failure(let left), .failure(let right)):
                failures += 1
                #expect(left.description == right.description)
            default:
                Issue.record("one render failed and the other did not: \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(failures > 100, "the generated renders must include failing ones")
    }

    @Test func lineFeedsAreFoundInLongTexts() {
        var random = SplitMix64(state: 17)
        for _ in 0..<2_000 {
            var text = Self.value(using: &random)
            let found = text.withUTF8 { bytes in
                var starts: [Int] = []
                var start = 0
                while start < bytes.count {
                    let lineFeed = bytes.offsetOfLineFeed(from: start)
                    starts.append(lineFeed)
                    start = lineFeed + 1
                }
                return starts
            }
            let expected = text.utf8.enumerated().filter { $0.element == UInt8(ascii: "\n") }.map(\.offset)
            let lastIsEnd = found.last == text.utf8.count
            #expect(Array(found.dropLast(lastIsEnd ? 1 : 0)) == expected, "\(text.debugDescription)")
        }
    }

    @Test func lineBreaksAreFoundInLongTexts() {
        var random = SplitMix64(state: 19)
        for _ in 0..<2_000 {
            let text = Self.value(using: &random)
            let breaks = TextTemplateRenderer.lineBreaks(in: text)
            let newlines = text.filter(\.isNewline)
            let expected: TextTemplateRenderer.LineBreaks =
                newlines.isEmpty ? .none : newlines.allSatisfy { $0 == "\n" } ? .lineFeedsOnly : .other
            #expect(breaks == expected, "\(text.debugDescription)")
        }
    }

    @Test(arguments: [0, 7, 10, -1, -10, 99, 100, 12_345, Int.max, Int.min, Int.max - 1, Int.min + 1])
    func decimalsAreWrittenAsStringWritesThem(value: Int) {
        var writer = ByteWriter(capacity: 1)
        writer.append("x")
        writer.append(decimal: value)
        #expect(writer.string == "x" + String(value))
    }
}
