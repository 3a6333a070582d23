import Foundation
import Testing

@testable import YAMLKit

/// The real Helm, reached through `Tests/helm-oracle/helm_oracle.py` (helm-python-sdk 0.2.2, Helm v4's own Go code).
///
/// The interpreter is `HELM_ORACLE_PYTHON`, else `<package root>/.venv/bin/python`. Without one the differential
/// test is skipped, unless `REQUIRE_HELM_ORACLE=1` (CI), where a missing oracle fails it.
enum HelmOracle {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = packageRoot.appendingPathComponent("Tests/helm-oracle/helm_oracle.py")

    /// The first candidate interpreter that runs the oracle on an empty batch, found once.
    static let interpreter: String? = {
        var candidates: [String] = []
        if let python = ProcessInfo.processInfo.environment["HELM_ORACLE_PYTHON"], !python.isEmpty {
            candidates.append(python)
        }
        candidates.append(packageRoot.appendingPathComponent(".venv/bin/python").path)
        return candidates.first { python in
            FileManager.default.isExecutableFile(atPath: python) && (try? read([], python: python)) != nil
        }
    }()

    static var isRequired: Bool { ProcessInfo.processInfo.environment["REQUIRE_HELM_ORACLE"] == "1" }

    /// Whether the test should run: an interpreter is there, or its absence must fail the run.
    static var shouldRun: Bool { interpreter != nil || isRequired }

    /// What Helm made of one document.
    enum Reading: Decodable, Equatable {
        case ok(Value)
        case error(String)

        enum CodingKeys: String, CodingKey { case ok, error }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let message = try container.decodeIfPresent(String.self, forKey: .error) {
                self = .error(message)
            } else {
                self = .ok(try container.decode(Value.self, forKey: .ok))
            }
        }
    }

    /// The oracle's canonical value (numbers as the text of a float64, so they compare exactly).
    indirect enum Value: Decodable, Equatable, CustomStringConvertible {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case sequence([Value])
        case mapping([String: Value])

        enum Wrapper: String, CodingKey { case n, m }

        init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let value = try? single.decode(Bool.self) {
                self = .bool(value)
            } else if let text = try? single.decode(String.self) {
                self = .string(text)
            } else if let items = try? single.decode([Value].self) {
                self = .sequence(items)
            } else {
                let wrapped = try decoder.container(keyedBy: Wrapper.self)
                if let text = try wrapped.decodeIfPresent(String.self, forKey: .n) {
                    guard let number = Double(text) else {
                        throw DecodingError.dataCorruptedError(
                            forKey: .n, in: wrapped, debugDescription: "not a float64: \(text)")
                    }
                    self = .number(number)
                } else {
                    self = .mapping(try wrapped.decode([String: Value].self, forKey: .m))
                }
            }
        }

        /// The same value in YAMLKit's terms.
        init(_ value: HelmValue) {
            switch value.content {
            case .null: self = .null
            case .bool(let flag): self = .bool(flag)
            case .number(let number): self = .number(number)
            case .string(let text): self = .string(text)
            case .sequence(let items): self = .sequence(items.map(Value.init))
            case .mapping(let entries): self = .mapping(entries.mapValues(Value.init))
            }
        }

        var description: String {
            switch self {
            case .null: "null"
            case .bool(let flag): "\(flag)"
            case .number(let number): "\(number)"
            case .string(let text): text.debugDescription
            case .sequence(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
            case .mapping(let entries):
                "{" + entries.keys.sorted().map { "\($0.debugDescription): \(entries[$0]!)" }.joined(separator: ", ")
                    + "}"
            }
        }
    }

    /// Runs the oracle once over every document and returns Helm's reading of each, in order.
    static func read(_ documents: [String], python: String) throws -> [Reading] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // The oracle reads all its input before writing, so writing everything first cannot deadlock.
        let payload = try JSONSerialization.data(withJSONObject: documents)
        try input.fileHandleForWriting.write(contentsOf: payload)
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OracleFailure(message: "the Helm oracle exited with \(process.terminationStatus): \(errorText)")
        }
        let decoder = JSONDecoder()
        let lines = data.split(separator: UInt8(ascii: "\n"))
        guard lines.count == documents.count else {
            throw OracleFailure(message: "the Helm oracle answered \(lines.count) of \(documents.count) documents")
        }
        return try lines.map { try decoder.decode(Reading.self, from: Data($0)) }
    }

    struct OracleFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// Random values files built from the tricky rows of Helm's table: booleans and numbers in disguise, quoting, tags,
/// anchors, aliases (rebound, and now and then inside themselves), merge keys of every form, flow and block.
struct HelmDocumentGenerator {
    var random: SeededRandom
    private var nextNode = 0
    private var bindings: [String: Int] = [:]
    private var kinds: [Int: Kind] = [:]
    private var open: Set<Int> = []

    enum Kind { case scalar, mapping, sequence }

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    static let keys = [
        "name", "image", "tag", "replicas", "enabled", "certs", "y", "n", "on", "off", "yes", "No", "true", "False",
        "\"true\"", "'on'", "1", "012", "0x1f", "\"1\"", "'10'", "1.0", "1e3", "08", "-1", ".5", "0.1", "!!str 1",
        "!!int \"7\"", "\"<<\"", "a b", "é", "2001-12-14", ".inf", "-.inf", "1e20", "123456789.0", "0o17", "0b101",
    ]
    static let rareKeys = ["~", "null", ".nan", "18446744073709551615", "!!bool 1", "!!int 1.5"]
    static let blockScalars =
        HelmScalarTable.all.map(\.source) + HelmScalarTable.nans + [
            "keda", "hello world", "v2.16.0", "'it''s'", "\"a\\tb\"", "~", "<<",
        ]
    static let flowScalars = blockScalars.filter { source in
        !source.contains(where: { "\n,[]{}#".contains($0) }) && !(source.hasPrefix("!") && !source.contains(" "))
    }
    static let commonRefusals: Set<String> = Set(
        HelmScalarTable.refusedTags.map(\.source) + HelmScalarTable.nans + HelmScalarTable.specialFloats.map(\.source))

    /// One values file.
    mutating func document() -> String {
        nextNode = 0
        bindings = [:]
        kinds = [:]
        open = []
        let roll = Double.random(in: 0..<1, using: &random)
        switch roll {
        case ..<0.80: return blockMapping(indent: 0, depth: 0)
        case ..<0.88: return flowMapping(depth: 0) + "\n"
        case ..<0.91: return flowSequence(depth: 0) + "\n"
        case ..<0.93: return scalar(flow: false, indent: 0) + "\n"
        case ..<0.95: return random.pick(["", "# nothing\n", "---\n", "~\n", "--- {}\n"])
        default:
            let first = blockMapping(indent: 0, depth: 0)
            return first + "---\n" + blockMapping(indent: 0, depth: 0)
        }
    }

    private mutating func scalar(flow: Bool, indent: Int) -> String {
        var pool = flow ? Self.flowScalars : Self.blockScalars
        // Keep refusals rare enough that most documents are read to the end.
        if random.chance(0.9) { pool = pool.filter { !Self.commonRefusals.contains($0) } }
        let source = random.pick(pool)
        return source.replacingOccurrences(of: "\n  ", with: "\n" + String(repeating: " ", count: indent + 2))
    }

    private mutating func key(flow: Bool) -> String {
        if random.chance(0.02) { return random.pick(Self.rareKeys) }
        if random.chance(0.05), let alias = alias(of: [.scalar]) { return alias + " " }
        return random.pick(Self.keys)
    }

    /// `&name ` now and then, binding the name to a new node of this kind.
    private mutating func anchor(_ kind: Kind) -> (text: String, node: Int?) {
        guard random.chance(0.25) else { return ("", nil) }
        let name = random.pick(["a", "b", "c", "base", "d"])
        nextNode += 1
        bindings[name] = nextNode
        kinds[nextNode] = kind
        if kind != .scalar { open.insert(nextNode) }
        return ("&\(name) ", nextNode)
    }

    private mutating func close(_ node: Int?) {
        if let node { open.remove(node) }
    }

    /// `*name` for a bound name of one of these kinds (rarely one still open: an alias inside itself).
    private mutating func alias(of wanted: [Kind]) -> String? {
        let allowOpen = random.chance(0.03)
        let names = bindings.filter { name, node in
            wanted.contains(kinds[node]!) && (allowOpen || !open.contains(node))
        }.keys.sorted()
        guard !names.isEmpty else { return nil }
        return "*" + random.pick(names)
    }

    private mutating func mergeValue(flow: Bool) -> String? {
        switch Double.random(in: 0..<1, using: &random) {
        case ..<0.45: return alias(of: random.chance(0.95) ? [.mapping] : [.scalar, .sequence])
        case ..<0.75:
            guard let first = alias(of: [.mapping]), let second = alias(of: [.mapping]) else { return nil }
            return "[\(first), \(second)]"
        case ..<0.97: return flowMapping(depth: 2)
        default: return random.pick(["5", "~", "[1]", "[{a: 1}, x]"])
        }
    }

    private mutating func blockMapping(indent: Int, depth: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var text = ""
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            if random.chance(0.12), let merge = mergeValue(flow: false) {
                text += pad + "<<: " + merge + "\n"
                continue
            }
            text += pad + key(flow: false) + ":" + blockValue(indent: indent, depth: depth + 1)
        }
        return text
    }

    private mutating func blockSequence(indent: Int, depth: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var text = ""
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            text += pad + "-" + blockValue(indent: indent, depth: depth + 1)
        }
        return text
    }

    /// The text after `key:` or `-`, through the end of its last line.
    private mutating func blockValue(indent: Int, depth: Int) -> String {
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < 0.12, let alias = alias(of: [.scalar, .mapping, .sequence]) { return " \(alias)\n" }
        if depth < 3, roll < 0.30 {
            let (anchorText, node) = anchor(.mapping)
            defer { close(node) }
            let header = anchorText.isEmpty ? "" : " " + anchorText.dropLast()
            return header + "\n" + blockMapping(indent: indent + 2, depth: depth)
        }
        if depth < 3, roll < 0.40 {
            let (anchorText, node) = anchor(.sequence)
            defer { close(node) }
            let header = anchorText.isEmpty ? "" : " " + anchorText.dropLast()
            return header + "\n" + blockSequence(indent: indent + 2, depth: depth)
        }
        if depth < 3, roll < 0.55 {
            return " " + (random.chance(0.5) ? flowMapping(depth: depth) : flowSequence(depth: depth)) + "\n"
        }
        let (anchorText, _) = anchor(.scalar)
        let value = scalar(flow: false, indent: indent)
        let separator = value.isEmpty && anchorText.isEmpty ? "" : " "
        return separator + anchorText + value + "\n"
    }

    private mutating func flowValue(depth: Int) -> String {
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < 0.12, let alias = alias(of: [.scalar, .mapping, .sequence]) { return alias }
        if depth < 3, roll < 0.25 { return flowMapping(depth: depth + 1) }
        if depth < 3, roll < 0.35 { return flowSequence(depth: depth + 1) }
        let (anchorText, _) = anchor(.scalar)
        return anchorText + scalar(flow: true, indent: 0)
    }

    private mutating func flowMapping(depth: Int) -> String {
        let (anchorText, node) = anchor(.mapping)
        defer { close(node) }
        var entries: [String] = []
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            if random.chance(0.1), let merge = mergeValue(flow: true) {
                entries.append("<<: " + merge)
            } else {
                entries.append(key(flow: true) + ": " + flowValue(depth: depth + 1))
            }
        }
        return anchorText + "{" + entries.joined(separator: ", ") + "}"
    }

    private mutating func flowSequence(depth: Int) -> String {
        let (anchorText, node) = anchor(.sequence)
        defer { close(node) }
        var items: [String] = []
        for _ in 0..<Int.random(in: 0...3, using: &random) { items.append(flowValue(depth: depth + 1)) }
        return anchorText + "[" + items.joined(separator: ", ") + "]"
    }

    /// Documents across the edge of go-yaml's "excessive aliasing" ratio: `t` holds `b` aliases to a list of `a`
    /// numbers, and `c` keys alias `t`; Helm starts refusing them as `c` grows (at c = 20, 46 and 12 here).
    static func aliasRatioDocuments() -> [String] {
        var documents: [String] = []
        for (a, b, flip) in [(18, 20, 20), (30, 9, 46), (30, 20, 12)] {
            for c in flip - 3...flip + 2 {
                let list = "s: &s [" + (0..<a).map(String.init).joined(separator: ", ") + "]\n"
                let aliases = "t: &t [" + Array(repeating: "*s", count: b).joined(separator: ", ") + "]\n"
                let keys = (0..<c).map { "k\($0): *t\n" }.joined()
                documents.append(list + aliases + keys)
            }
        }
        return documents
    }
}

/// Why a document is refused, in terms both YAMLKit's errors and Helm's messages can be sorted into.
enum RefusalReason: Equatable, CustomStringConvertible {
    case syntax, tag, collectionKey, merge, aliasInsideItself, excessiveAliasing, unsupportedKey, notFinite,
        rootNotMapping
    case unknown(String)

    init(_ error: YAMLError) {
        let message = error.message
        if error.kind == .limitExceeded {
            self = .excessiveAliasing
        } else if error.kind != .resolver {
            self = .syntax
        } else if message.hasPrefix("Helm cannot read this tagged scalar") {
            self = .tag
        } else if message.hasSuffix("as a mapping key") {
            self = .collectionKey
        } else if message.hasPrefix("the merge key") {
            self = .merge
        } else if message.hasSuffix("would contain itself") {
            self = .aliasInsideItself
        } else if message.hasPrefix("Helm cannot use") {
            self = .unsupportedKey
        } else if message.hasPrefix("Helm cannot hold") {
            self = .notFinite
        } else if message.hasPrefix("a values file must be a mapping") {
            self = .rootNotMapping
        } else {
            self = .unknown(message)
        }
    }

    init(helm message: String) {
        let reasons: [(String, RefusalReason)] = [
            ("yaml: line ", .syntax), ("unknown anchor", .syntax), ("cannot decode !!", .tag),
            ("!!binary value contains invalid base64", .tag), ("invalid map key", .collectionKey),
            ("map merge requires", .merge), ("contains itself", .aliasInsideItself),
            ("excessive aliasing", .excessiveAliasing), ("unsupported map key", .unsupportedKey),
            ("unsupported value", .notFinite), ("cannot unmarshal", .rootNotMapping),
        ]
        // Every other go-yaml message ("yaml: did not find expected key", ...) comes from its scanner or parser.
        self = reasons.first { message.contains($0.0) }?.1 ?? (message.contains("yaml: ") ? .syntax : .unknown(message))
    }

    var description: String {
        switch self {
        case .syntax: "syntax"
        case .tag: "tag"
        case .collectionKey: "collection key"
        case .merge: "merge"
        case .aliasInsideItself: "alias inside itself"
        case .excessiveAliasing: "excessive aliasing"
        case .unsupportedKey: "null or unsigned key"
        case .notFinite: "inf or nan"
        case .rootNotMapping: "root not a mapping"
        case .unknown(let message): "unknown (\(message))"
        }
    }
}

@Suite("Helm differential: YAMLKit reads values exactly as the real Helm does")
struct HelmDifferentialTests {
    /// Every document the other Helm tests use, each scalar row as a value and (single-line ones) as a key.
    static var fixedDocuments: [String] {
        var documents: [String] = []
        for row in HelmScalarTable.all.map(\.source) + HelmScalarTable.nans {
            documents.append("value: " + row.replacingOccurrences(of: "\n", with: "\n  ") + "\n")
            if !row.contains("\n") {
                documents.append(row + ": value\n")
                documents.append("{" + row + ": value}\n")
                documents.append("- " + row + "\n")
            }
        }
        documents += DuplicateKeyDocuments.all + [DuplicateKeyDocuments.refusedKeysSkipped]
        documents += HelmValueReaderDocuments.accepted + HelmValueReaderDocuments.refused
        documents += HelmDocumentGenerator.aliasRatioDocuments()
        return documents
    }

    /// True when go-yaml holds keys apart that Helm turns into one string (so Helm's choice is random), found
    /// before any refusal of the values themselves.
    static func hasUnorderedKeys(_ text: String) -> Bool {
        let stream =
            (try? YAMLParser().parse(text))
            ?? HelmValueReader.firstDocumentText(of: text).flatMap {
                try? YAMLParser().parse($0)
            }
        guard let document = stream?.documents.first else { return false }
        var decoder = HelmDecoder(limits: .default, fileName: "", source: nil)
        guard let root = try? decoder.graph(document.root), let decoded = try? decoder.decode(root, origin: .written),
            (try? decoder.convert(decoded)) != nil
        else { return false }
        return !decoder.unorderedKeys.isEmpty
    }

    @Test(
        "every test input and thousands of generated documents read the same in YAMLKit and in Helm",
        .enabled(
            if: HelmOracle.shouldRun,
            "no Helm oracle: run `python3 -m venv .venv && .venv/bin/pip install helm-python-sdk==0.2.2`, or set HELM_ORACLE_PYTHON (REQUIRE_HELM_ORACLE=1 makes its absence a failure)"
        ))
    func differential() throws {
        guard let python = HelmOracle.interpreter else {
            let venv = HelmOracle.packageRoot.appendingPathComponent(".venv/bin/python").path
            Issue.record(
                "REQUIRE_HELM_ORACLE=1 but no interpreter runs the Helm oracle: neither HELM_ORACLE_PYTHON nor \(venv)")
            return
        }
        var documents = Self.fixedDocuments
        let fixedCount = documents.count
        for seed in PropertySeeds.seeds(default: [1, 2, 3, 4]) {
            var generator = HelmDocumentGenerator(seed: seed)
            for _ in 0..<2500 { documents.append(generator.document()) }
        }
        let helm = try HelmOracle.read(documents, python: python)

        var agreedValues = 0
        var agreedRefusals = 0
        var unorderedSkipped = 0
        var refusalReasons: [String: Int] = [:]
        var mismatches: [String] = []
        for (index, text) in documents.enumerated() {
            func mismatch(_ what: String) {
                mismatches.append("#\(index) \(text.debugDescription)\n" + what)
            }
            let ours: Result<HelmValuesDocument, YAMLError>
            do {
                ours = .success(try HelmValueReader().read(text, fileName: "values.yaml"))
            } catch {
                ours = .failure(error)
            }
            if Self.hasUnorderedKeys(text) {
                // Helm keeps one of the colliding keys at random, and may refuse if the one it keeps is `.inf`.
                unorderedSkipped += 1
                continue
            }
            switch (ours, helm[index]) {
            case (.success(let document), .ok(let value)):
                if HelmOracle.Value(document.values) == value {
                    agreedValues += 1
                } else {
                    mismatch("values differ\nYAMLKit: \(HelmOracle.Value(document.values))\nHelm:    \(value)")
                }
            case (.failure(let error), .error(let message)):
                let ours = RefusalReason(error)
                let theirs = RefusalReason(helm: message)
                if ours == theirs {
                    agreedRefusals += 1
                    refusalReasons["\(ours)", default: 0] += 1
                } else {
                    mismatch("both refuse, YAMLKit for \(ours) (\(error)), Helm for \(theirs) (\(message))")
                }
            case (.success(let document), .error(let message)):
                mismatch("Helm refuses (\(message)), YAMLKit reads \(HelmOracle.Value(document.values))")
            case (.failure(let error), .ok(let value)):
                mismatch("YAMLKit refuses (\(error)), Helm reads \(value)")
            }
        }
        print(
            "Helm differential: \(documents.count) documents (\(fixedCount) from tests), \(agreedValues) same values, "
                + "\(agreedRefusals) refused by both for the same reason, \(unorderedSkipped) with keys Helm orders at random, "
                + "\(mismatches.count) mismatches; refusals by reason: "
                + refusalReasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        for mismatch in mismatches.prefix(200) { Issue.record(Comment(rawValue: mismatch)) }
        #expect(mismatches.isEmpty)
        // The generator must mostly produce documents Helm reads, or the comparison proves little.
        #expect(agreedValues > documents.count / 2)
    }
}
