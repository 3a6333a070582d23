import Foundation
import Testing

@testable import CertMigration

/// The seeds to run: `PROPERTY_SEED` alone when set (to replay a failure), else four fixed ones.
private let reportSeeds: [UInt64] = {
    if let text = ProcessInfo.processInfo.environment["PROPERTY_SEED"], let seed = UInt64(text) { return [seed] }
    return [1, 20_261_126, 0xC0FF_EE00, 987_654_321]
}()

/// The oracle: what Foundation's `JSONEncoder` writes for the report through its `encode(to:)`, with the options
/// plan.json was written with before ``JSONTextWriter`` took over, and the final newline.
private func encoderBytes(_ report: PlanReport) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return [UInt8](try encoder.encode(report)) + [UInt8(ascii: "\n")]
}

/// Records where the writer's bytes first part from the encoder's, with the line around it.
private func expectSameBytes(
    _ report: PlanReport, _ label: @autoclosure () -> String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    let expected = try encoderBytes(report)
    let actual = report.jsonBytes()
    guard actual != expected else { return }
    let difference = GoldenFiles.firstDifference(
        expected: String(decoding: expected, as: UTF8.self), actual: String(decoding: actual, as: UTF8.self))
    Issue.record("\(label()): plan.json differs from JSONEncoder's:\n\(difference)", sourceLocation: sourceLocation)
}

/// Records where the plan's JSON written straight from the plan first parts from its report's.
private func expectPlanWrittenAsItsReport(
    _ plan: RemediationPlan, _ label: @autoclosure () -> String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let expected = PlanReport(plan).jsonBytes()
    let actual = PlanReport.jsonBytes(of: plan)
    guard actual != expected else { return }
    let difference = GoldenFiles.firstDifference(
        expected: String(decoding: expected, as: UTF8.self), actual: String(decoding: actual, as: UTF8.self))
    Issue.record(
        "\(label()): the plan's JSON differs from its report's:\n\(difference)", sourceLocation: sourceLocation)
}

/// A string or a list of strings, encoded as itself.
private enum TextOrList: Encodable {
    case text(String)
    case list([String])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .list(let texts): try container.encode(texts)
        }
    }
}

/// Arrays nested `depth` deep, each holding the next and its depth, the innermost `"leaf"`: deeper than the
/// indentation one copy of the writer's line breaks covers.
private struct NestedArrays: Encodable {
    var depth: Int

    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        if depth == 0 {
            try container.encode("leaf")
        } else {
            try container.encode(NestedArrays(depth: depth - 1))
            try container.encode(depth)
        }
    }

    func write(into writer: inout JSONTextWriter) {
        writer.beginArray()
        if depth == 0 {
            writer.string("leaf")
        } else {
            NestedArrays(depth: depth - 1).write(into: &writer)
            writer.integer(depth)
        }
        writer.endArray()
    }
}

/// Reports with hostile text in every field, from a seed.
private struct PlanReportGenerator {
    var random: SplitMix64

    /// Pieces that strings are built from: every character the encoder escapes, the ones it must leave alone
    /// (`/`, U+007F, U+2028, non-ASCII, emoji), and plain words.
    static let pieces: [String] =
        (0x00...0x1F).map { String(UnicodeScalar(UInt8($0))) } + [
            "\"", "\\", "/", "//", "\\/", "\u{7F}", "\u{2028}", "\u{2029}", "\u{FEFF}", "é", "e\u{301}", "ß", "日本",
            "🙂", "👩‍👩‍👧", "\u{10FFFF}", "</script>", "kubectl get secret -n keda", "{.data.tls\\.crt}", " ", "a",
            "Z", "0", "-", "null", "true",
        ]

    /// Precondition keys (strategy names in real reports) that sort differently by UTF-8 bytes and by `String`'s
    /// `<`, beside ordinary and awkward ones.
    static let keys: [String] = [
        "cert-manager", "disable-rotation", "upgrade", "none", "", "e\u{301}x", "éa", "Zebra", "apple", "a", "ä", "b",
        "\u{1F600}", "\u{FFFD}", "\u{2028}", "a\"b", "a\\b", "tab\there", "\u{0}", "x/y", "A", "a\u{300}b",
        "àa",
    ]

    mutating func text() -> String {
        (0..<Int.random(in: 0...5, using: &random)).map { _ in random.pick(Self.pieces) }.joined()
    }

    mutating func optionalText() -> String? { random.chance(0.35) ? nil : text() }

    mutating func integer() -> Int {
        random.pick([0, 1, -1, 7, 120, Int.max, Int.min, Int.random(in: -1_000_000...1_000_000, using: &random)])
    }

    mutating func optionalInteger() -> Int? { random.chance(0.35) ? nil : integer() }

    /// Between none and four elements: empty arrays are common on purpose.
    mutating func list<T>(_ element: (inout Self) -> T) -> [T] {
        (0..<Int.random(in: 0...4, using: &random)).map { _ in element(&self) }
    }

    mutating func location() -> PlanReport.Location? {
        random.chance(0.35)
            ? nil : PlanReport.Location(file: text(), line: optionalInteger(), column: optionalInteger())
    }

    /// A plan with the same hostile text, every optional sometimes absent, and some strategies' preconditions.
    mutating func plan(template: PlanReport) -> RemediationPlan {
        func sourceLocation(_ generator: inout Self) -> CertMigration.SourceLocation? {
            generator.random.chance(0.35)
                ? nil
                : CertMigration.SourceLocation(
                    file: generator.text(), line: generator.optionalInteger(), column: generator.optionalInteger())
        }
        let template = report(template: template)
        var preconditions: [Strategy: [PreconditionCheck]] = [:]
        for strategy in Strategy.allCases where random.chance(0.6) {
            preconditions[strategy] = list { generator in
                PreconditionCheck(
                    id: generator.text(), requirement: generator.text(), holds: generator.random.chance(0.5),
                    detail: generator.text())
            }
        }
        let versions = ["2.16.1", "2.10.0", "2.20.0-rc.1", "0.0.0"].map(Snippet.version)
        return RemediationPlan(
            strategy: random.chance(0.2) ? nil : random.pick(Strategy.allCases), reason: text(),
            chartVersion: random.pick(versions), knowledgeChartVersion: random.pick(versions),
            findings: list { generator in
                Diagnostic(
                    id: generator.text(), severity: generator.random.pick(Severity.allCases),
                    message: generator.text(), location: sourceLocation(&generator), fix: generator.optionalText(),
                    sources: generator.list { $0.text() })
            },
            preconditions: preconditions,
            changes: list { generator in
                ValueChange(
                    path: generator.text(), from: generator.optionalText(), to: generator.optionalText(),
                    location: sourceLocation(&generator), reason: generator.text())
            },
            manifests: template.manifests, upgrade: template.upgrade, advice: template.advice,
            sources: list { generator in
                CatalogSource(
                    kind: generator.random.pick(CatalogSource.Kind.allCases), title: generator.text(),
                    reference: generator.text(), url: generator.optionalText())
            })
    }

    mutating func report(template: PlanReport) -> PlanReport {
        var report = template
        report.schemaVersion = integer()
        report.tool = text()
        report.strategy = optionalText()
        report.reason = text()
        report.chartVersion = text()
        report.knowledgeChartVersion = text()
        report.needsChange = random.chance(0.5)
        report.findings = list { generator in
            PlanReport.Finding(
                id: generator.text(), severity: generator.text(), message: generator.text(),
                location: generator.location(), fix: generator.optionalText(),
                sources: generator.list { $0.text() })
        }
        report.changes = list { generator in
            PlanReport.Change(
                path: generator.text(), from: generator.optionalText(), to: generator.optionalText(),
                location: generator.location(), reason: generator.text())
        }
        report.manifests = list { generator in
            PlannedManifest(
                apiVersion: generator.text(), kind: generator.text(), name: generator.text(),
                namespace: generator.optionalText(), renderedBy: generator.random.pick([.chart, .tool]),
                purpose: generator.text())
        }
        report.upgrade =
            random.chance(0.3)
            ? nil
            : UpgradeRecommendation(
                kubernetes: optionalText(), chart: optionalText(), immediateChart: optionalText(),
                keda: optionalText(), steps: list { $0.text() }, reasons: list { $0.text() })
        report.advice = list { generator in
            Advice(
                id: generator.text(),
                kind: generator.random.pick([
                    .firstAid, .precheck, .verify, .monitor, .upgrade, .rollback, .security,
                ]),
                title: generator.text(), detail: generator.optionalText(), commands: generator.list { $0.text() })
        }
        report.preconditions = [:]
        for _ in 0..<Int.random(in: 0...8, using: &random) {
            let key = random.chance(0.7) ? random.pick(Self.keys) : text()
            report.preconditions[key] = list { generator in
                PreconditionCheck(
                    id: generator.text(), requirement: generator.text(), holds: generator.random.chance(0.5),
                    detail: generator.text())
            }
        }
        report.sources = list { generator in
            PlanReport.Source(title: generator.text(), reference: generator.text(), url: generator.optionalText())
        }
        return report
    }
}

@Suite("plan.json: JSONTextWriter writes JSONEncoder's bytes, with JSONEncoder as the oracle")
struct PlanReportJSONWriterTests {
    static let reportsPerSeed = 250

    /// Every golden case's plan, with each strategy it can be forced to as well as `auto`: more preconditions,
    /// upgrades and manifests than the chosen strategy alone shows.
    @Test("every golden plan, auto and each forced strategy", arguments: GoldenPlanTests.cases)
    func goldenPlans(_ golden: GoldenCase) throws {
        for (choice, input) in try golden.inputsForEveryChoice() {  // a case of bad input has none
            let plan = PlanDecider.plan(input)
            try expectSameBytes(PlanReport(plan), "\(golden.name) with \(choice)")
            expectPlanWrittenAsItsReport(plan, "\(golden.name) with \(choice)")
        }
    }

    @Test("every cluster of the golden fleet")
    func goldenFleet() throws {
        let folder = GoldenFiles.goldenRoot.appendingPathComponent("fleet")
        let index = try [UInt8](Data(contentsOf: folder.appendingPathComponent("index.yaml")))
        let clusters = FleetIndexReader().read(bytes: index, fileName: "index.yaml", folder: "").clusters
        #expect(clusters.count >= 3)
        func file(_ path: String) throws -> InputFile {
            InputFile(name: path, bytes: try [UInt8](Data(contentsOf: folder.appendingPathComponent(path))))
        }
        var planned = 0
        for cluster in clusters {
            let (input, _) = MigrationInputReader.read(
                values: try cluster.valuesPaths.map(file), facts: try cluster.factsPath.map(file), strategy: .auto,
                now: try #require(Timestamp.date("2026-11-25T09:00:00Z")))
            guard let input else { continue }
            let plan = PlanDecider.plan(input)
            try expectSameBytes(PlanReport(plan), "fleet cluster \(cluster.name)")
            expectPlanWrittenAsItsReport(plan, "fleet cluster \(cluster.name)")
            planned += 1
        }
        #expect(planned >= 3)
    }

    /// The smallest report the decoder takes.
    static func smallestReport() throws -> PlanReport {
        let smallest =
            #"{"schemaVersion":1,"tool":"t","strategy":null,"reason":"r","chartVersion":"2.16.1","#
            + #""knowledgeChartVersion":"2.16.1","needsChange":false,"findings":[],"changes":[],"#
            + #""manifests":[],"upgrade":null,"advice":[],"preconditions":{},"sources":[]}"#
        return try JSONDecoder().decode(PlanReport.self, from: Data(smallest.utf8))
    }

    @Test("generated reports with hostile strings, empty arrays, nils and awkward keys", arguments: reportSeeds)
    func generatedReports(seed: UInt64) throws {
        let template = try Self.smallestReport()
        try expectSameBytes(template, "the smallest report")
        var generator = PlanReportGenerator(random: SplitMix64(state: seed))
        for index in 0..<Self.reportsPerSeed {
            let report = generator.report(template: template)
            try expectSameBytes(report, "seed \(seed) report \(index)")
        }
    }

    @Test("generated plans written straight give their reports' bytes", arguments: reportSeeds)
    func generatedPlans(seed: UInt64) throws {
        let template = try Self.smallestReport()
        var generator = PlanReportGenerator(random: SplitMix64(state: seed))
        for index in 0..<Self.reportsPerSeed {
            expectPlanWrittenAsItsReport(generator.plan(template: template), "seed \(seed) plan \(index)")
        }
    }

    /// Without keys whose two orders differ, the generated reports could not tell a writer that sorts by `String`
    /// from one that sorts as the encoder does.
    @Test("the precondition keys generated include ones that UTF-8 order and String order sort differently")
    func keysSortDifferently() {
        let entries = Dictionary(PlanReportGenerator.keys.map { ($0, 0) }, uniquingKeysWith: { first, _ in first })
        #expect(JSONTextWriter.sortedByKey(entries).map(\.key) != entries.keys.sorted())
        #expect(JSONTextWriter.sortedByKey(["e\u{301}x": 1, "éa": 2]).map(\.key) == ["e\u{301}x", "éa"])
        #expect(JSONTextWriter.sortedByKey(["e\u{301}x": 1, "éa": 2]).map(\.value) == [1, 2])
        #expect(["e\u{301}x", "éa"].sorted() == ["éa", "e\u{301}x"])
    }

    @Test("arrays nested deeper than one copy of indentation covers")
    func deepNesting() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for depth in [0, 1, 15, 16, 17, 40] {
            var writer = JSONTextWriter(capacity: 0)
            NestedArrays(depth: depth).write(into: &writer)
            #expect(writer.bytes == [UInt8](try encoder.encode(NestedArrays(depth: depth))), "depth \(depth)")
        }
    }

    /// Strings are scanned eight bytes at a time: each character that must be escaped (and U+007F, which must not)
    /// at every place in and across those words, and in strings shorter than one.
    @Test("an escape at every offset of the eight-byte scan")
    func escapeOffsets() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let specials = (0x00...0x1F).map { String(UnicodeScalar(UInt8($0))) } + ["\"", "\\", "\u{7F}", "/", "é"]
        var texts: [String] = []
        for special in specials {
            for before in 0...17 {
                texts.append(
                    String(repeating: "a", count: before) + special + String(repeating: "b", count: 17 - before))
                texts.append(String(repeating: "a", count: before) + special)
            }
        }
        var writer = JSONTextWriter(capacity: 0)
        writer.strings(texts)
        #expect(writer.bytes == [UInt8](try encoder.encode(texts)))
    }

    /// A string is copied a word at a time as it is scanned, up to the first escape, then from after each escape to
    /// the next: strings of 0 to 69 bytes with one or two escapes at every offset, as object members and array
    /// elements, into a writer that starts with no room (so it grows in the middle of strings and keys).
    @Test("long strings with escapes at every offset, into a writer that grows")
    func longStringsGrowingWriter() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var texts: [String] = []
        for length in 0..<70 {
            let filler = [Character](repeating: "m", count: length)
            texts.append(String(filler))
            for offset in 0..<length {
                var characters = filler
                characters[offset] = "\n"
                texts.append(String(characters))
                characters[length - 1 - offset] = "\""
                texts.append(String(characters))
            }
        }
        var writer = JSONTextWriter(capacity: 0)
        writer.beginObject()
        writer.key("list")
        writer.strings(texts)
        writer.key(text: texts[texts.count / 2])
        writer.string(texts[texts.count - 1])
        writer.endObject()
        let members: [String: TextOrList] = [
            "list": .list(texts), texts[texts.count / 2]: .text(texts[texts.count - 1]),
        ]
        #expect(writer.bytes == [UInt8](try encoder.encode(members)))
    }

    /// The scan reads sixteen bytes a round, then eight, then a string's last bytes as its last eight, with the
    /// bytes before the scan's place (perhaps an escape just written) made clean: every string of 0 to 33 bytes,
    /// clean and with two escapes at every pair of places (side by side included, in one round or two), between
    /// fillers next to the escaped bytes in value (space, `!`, `#`, `[`, `]`, U+007F) and UTF-8 past ASCII (`é`, two
    /// bytes, which shifts the escapes' offsets).
    @Test("two escapes at every pair of places in strings of 0 to 33 bytes")
    func escapePairs() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let specials = ["\"", "\\", "\u{0}", "\u{1F}", "\n", "\u{8}", "\u{1}"]
        let fillers: [Character] = [" ", "!", "#", "[", "]", "\u{7F}", "a", "é"]
        var texts: [String] = []
        for filler in fillers {
            for length in 0...33 {
                texts.append(String(repeating: filler, count: length))
                for first in 0..<length {
                    for second in first..<length {
                        var characters = [String](repeating: String(filler), count: length)
                        characters[first] = specials[(first + second) % specials.count]
                        if second != first { characters[second] = specials[(first * 3 + second) % specials.count] }
                        texts.append(characters.joined())
                    }
                }
            }
        }
        var writer = JSONTextWriter(capacity: 0)
        writer.strings(texts)
        #expect(writer.bytes == [UInt8](try encoder.encode(texts)))
    }

    @Test("the writer's layout of containers and scalars, spelled out")
    func layout() {
        var writer = JSONTextWriter(capacity: 0)
        writer.beginObject()
        writer.key("empty")
        writer.beginArray()
        writer.endArray()
        writer.key("list")
        writer.beginArray()
        writer.integer(-12)
        writer.boolean(true)
        writer.null()
        writer.beginObject()
        writer.endObject()
        writer.endArray()
        writer.key(text: "t\u{1}/\"é")
        writer.string("a\tb\u{1F}\u{7F}\\")
        writer.endObject()
        #expect(
            String(decoding: writer.bytes, as: UTF8.self) == #"""
                {
                  "empty" : [

                  ],
                  "list" : [
                    -12,
                    true,
                    null,
                    {

                    }
                  ],
                  "t\u0001/\"é" : "a\tb\u001f\#u{7F}\\"
                }
                """#)
    }
}
