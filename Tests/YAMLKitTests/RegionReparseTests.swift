import Testing

@testable import YAMLKit

/// Random values files with the constructs whose ends and indentation the region argument reasons about: block
/// scalars of every chomping, multi-line plain, quoted and flow scalars, indentless sequences, sequences of mappings,
/// comments at every indentation, anchors, tags, several documents, CR LF and lone CR line breaks.
private struct RichValuesGenerator {
    var random: SeededRandom
    var counter = 0
    var anchors: [String] = []
    var lines: [String] = []

    mutating func document() -> String {
        lines = []
        anchors = []
        if random.chance(0.1) { lines.append(random.pick(["---", "%YAML 1.1\n---", "--- # start"])) }
        if random.chance(0.3) { lines += ["# values", ""] }
        mapping(indent: 0, depth: 0)
        if random.chance(0.1) { lines += ["---", "other: 1"] }
        if random.chance(0.05) { lines.append("...") }
        if random.chance(0.2) { lines += ["", "# the end"] }
        let lineBreak = random.pick(["\n", "\n", "\n", "\r\n", "\r"])
        let text = lines.joined(separator: "\n") + (random.chance(0.85) ? "\n" : "")
        return text.replacingNewlines(with: lineBreak)
    }

    mutating func key() -> String {
        counter += 1
        let word = random.pick(["image", "tls", "certificates", "operator", "on", "name"]) + "\(counter)"
        return random.chance(0.1) ? "\"" + word + "\"" : word
    }

    mutating func comment(_ indent: Int) -> String {
        String(repeating: " ", count: max(0, indent + random.pick([-2, 0, 0, 2, 4]))) + "# note \u{E9}"
    }

    mutating func mapping(indent: Int, depth: Int) {
        let lead = String(repeating: " ", count: indent)
        for _ in 0..<Int.random(in: 1...(depth == 0 ? 7 : 4), using: &random) {
            if random.chance(0.2) { lines.append("") }
            if random.chance(0.2) { lines.append(comment(indent)) }
            value(after: lead + key() + ":", indent: indent, depth: depth)
        }
    }

    mutating func value(after keyText: String, indent: Int, depth: Int) {
        let lead = String(repeating: " ", count: indent)
        let trailing = random.chance(0.2) ? "  # c" : ""
        switch Int.random(in: 0..<14, using: &random) {
        case 0, 1:
            lines.append(keyText + " " + random.pick(["v", "a b", "true", "42", "~", "x: y", "h\u{E9}"]) + trailing)
        case 2:
            lines.append(keyText + " " + random.pick(["'it''s'", "\"a\\tb\"", "''", "\"multi", "'two"]) + trailing)
            if lines[lines.count - 1].hasSuffix("multi") { lines.append(lead + "  line\"") }
            if lines[lines.count - 1].hasSuffix("two") { lines.append(lead + "  lines'") }
        case 3:
            lines.append(keyText + " plain start")
            lines.append(lead + "  continued plain")
        case 4:
            let header = random.pick(["|", "|-", "|+", ">", ">-", ">+", "|2"])
            lines.append(keyText + " " + header + trailing)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                lines.append(lead + "  " + random.pick(["text", "  more", "# not a comment", ""]))
            }
            if random.chance(0.4) { lines.append("") }
        case 5:
            lines.append(keyText + " " + random.pick(["{a: 1, b: [x, y]}", "[]", "{}", "[a,", "{k: v,"]))
            if lines[lines.count - 1].hasSuffix(",") {
                lines.append(lead + random.pick(["  z]", "z]", "  j: w}"]))
                if lines[lines.count - 1].hasSuffix("}") && lines[lines.count - 2].hasSuffix("[a,") {
                    lines[lines.count - 1] = lead + "  z]"
                }
                if lines[lines.count - 1].hasSuffix("]") && lines[lines.count - 2].hasSuffix("{k: v,") {
                    lines[lines.count - 1] = lead + "  j: w}"
                }
            }
        case 6, 7, 8:
            if depth < 3 {
                lines.append(keyText + trailing)
                mapping(indent: indent + random.pick([2, 2, 4]), depth: depth + 1)
            } else {
                lines.append(keyText + " leaf")
            }
        case 9:
            lines.append(keyText)
            let dash = random.chance(0.5) ? lead : lead + "  "
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                lines.append(dash + "- " + random.pick(["a", "b c"]))
            }
        case 10:
            lines.append(keyText)
            let dash = random.chance(0.5) ? lead : lead + "  "
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                lines.append(dash + "- name: " + random.pick(["one", "two"]))
                if random.chance(0.5) { lines.append(dash + "  " + random.pick(["port: 1", "tls:", "on: off"])) }
                if lines[lines.count - 1].hasSuffix("tls:") { lines.append(dash + "    enabled: true") }
            }
        case 11:
            lines.append(keyText + trailing)
        case 12:
            counter += 1
            let name = "anc\(counter)"
            anchors.append(name)
            lines.append(keyText + " &\(name) " + random.pick(["1", "{a: 1}"]))
        default:
            if let name = anchors.last, random.chance(0.5) {
                lines.append(keyText + " *\(name)")
            } else {
                lines.append(keyText + " !!str " + random.pick(["5", "true"]))
            }
        }
    }
}

extension String {
    fileprivate func replacingNewlines(with lineBreak: String) -> String {
        lineBreak == "\n" ? self : split(separator: "\n", omittingEmptySubsequences: false).joined(separator: lineBreak)
    }
}

@Suite("RegionReparse: parsing again only the edited lines gives the parse of the whole")
struct RegionReparseTests {
    /// Bytes replaced at random places by text that opens, closes or confuses what the region argument reasons
    /// about, and by edit-like rewrites that keep the file valid.
    static let snippets = [
        "", "\n", "  ", "x: 1\n", "  x: 1\n", "    deep: 2\n", "|+\n", "'", "\"", "- ", "---\n", "...\n", "#", " # c",
        "&a ", "*a", "!!str ", "{", "}", "[", "]", ":", "\t", "%TAG !e! tag:e,2000:\n", "\r", "\r\n", "\u{E9}",
        "\u{2028}", "\u{85}", "\u{FEFF}", "key: |\n  text\n\n", "a:\n  b: c\n", "\n\n", "  # comment\n", "? k\n: v\n",
        "false", "v2", "{a: 1}", "- item\n",
    ]

    @Test(
        "wherever the region argument gives a parse, a parse of the whole gives the same tree and spans",
        arguments: PropertySeeds.seeds(default: [11, 12, 13]))
    func predictedParseIsTheWholeParse(seed: UInt64) throws {
        var generator = RichValuesGenerator(random: SeededRandom(seed: seed))
        var predicted = 0
        var checked = 0
        for documentNumber in 0..<400 {
            let text = generator.document()
            guard let original = try? YAMLParser().parse(text, fileName: "values.yaml"),
                !original.documents.isEmpty
            else { continue }
            let bytes = original.source.bytes
            for _ in 0..<8 {
                let lower = Int.random(in: 0...bytes.count, using: &generator.random)
                let upper = min(bytes.count, lower + Int.random(in: 0...24, using: &generator.random))
                let snippet = Array(generator.random.pick(Self.snippets).utf8)
                var damaged = bytes
                damaged.replaceSubrange(lower..<upper, with: snippet)
                for index in original.documents.indices {
                    guard
                        let region = RegionReparse.predictedParse(
                            of: original, editing: index, bytes: damaged, changed: lower..<upper, limits: .default)
                    else { continue }
                    predicted += 1
                    let context =
                        "seed \(seed), document \(documentNumber), \(lower)..<\(upper) replaced by "
                        + "\(String(decoding: snippet, as: UTF8.self).debugDescription)\n--- input ---\n\(text)"
                    guard let whole = try? YAMLParser().parse(bytes: damaged, fileName: "values.yaml") else {
                        Issue.record("the whole result does not parse: \(context)")
                        continue
                    }
                    if let difference = ParseComparison.difference(region, whole) {
                        Issue.record("\(difference): \(context)")
                    }
                }
                checked += 1
            }
        }
        #expect(checked > 2000)
        #expect(predicted > checked / 8, "the region argument applied to only \(predicted) of \(checked) changes")
    }

    @Test(
        "an edit inside whole pairs is checked on its region, and gives the whole parse's tree and spans",
        arguments: [
            ("a: 1\ncertificates:\n  autoGenerated: true\n  x: 1\nz: 2\n", "certificates.autoGenerated", "false"),
            ("a: 1\ncertificates:\n  x: 1\nz: 2\n", "certificates.autoGenerated", "false"),
            ("a: 1\r\ncertificates:\r\n  autoGenerated: true\r\nz: 2\r\n", "certificates.autoGenerated", "false"),
            ("# h\u{E9}\na: 1\ncertificates:\n  autoGenerated: true", "certificates.autoGenerated", "false"),
            ("a: 1\ncertificates: {}\n", "certificates.autoGenerated", "false"),
            ("first: |+\n  kept\n\nsecond: 1\nthird: 2\n", "second", "\u{E9}t\u{E9}"),
            (
                "spec:\n  sources:\n  - chart: keda\n    helm:\n      valuesObject:\n        certificates:\n"
                    + "          autoGenerated: true\n        other: 1\n",
                "spec.sources[0].helm.valuesObject.certificates.autoGenerated", "false"
            ),
            ("a: 1\nb: 2\n---\nc: 3\nd: [x,\n  y]\n", "a", "longer value"),
        ])
    func editsUseTheRegion(yaml: String, path: String, value: String) throws {
        let stream = try YAMLParser().parse(yaml, fileName: "values.yaml")
        let result = try YAMLSourceEditor(stream: stream).applying([.set(try YAMLPath(parsing: path), .scalar(value))])
        let whole = try YAMLParser().parse(bytes: result.source.bytes, fileName: "values.yaml")
        #expect(ParseComparison.difference(result, whole) == nil)
        let old = stream.source.bytes
        let new = result.source.bytes
        let prefix = zip(old, new).prefix { $0 == $1 }.count
        let suffix = zip(old.reversed(), new.reversed()).prefix { $0 == $1 }.count
        let changed = prefix..<max(prefix, old.count - min(suffix, old.count - prefix, new.count - prefix))
        let region = RegionReparse.result(
            of: stream, editing: 0, bytes: new, changed: changed, intended: whole.documents[0].root, limits: .default)
        #expect(region != nil, "the region argument should hold for \(path) in:\n\(yaml)")
    }

    @Test(
        "a key added after a mapping's last pair is parsed from its own line up to the next key, even a shallower one",
        arguments: [
            // Flux: spec.values ends with a big pair; the next key after it is spec's `interval`.
            (
                "spec:\n  values:\n    image: x\n    resources:\n      limits: {cpu: 1}\n  interval: 5m\n",
                "spec.values.certificates", ""
            ),
            // The last pair of the last document: up to the end of the input.
            ("a: 1\nm:\n  x: 1\n# end\n", "m.y", "# end\n"),
            // After a block scalar, whose text could take blank lines after it, that pair is parsed again too.
            ("a: 1\nm:\n  x: |\n    t\nz: 1\n", "m.y", "  x: |\n    t\n"),
            // Below an item that is not the last, the next key is not known: the pair holding the list is taken.
            ("l:\n- a: 1\n- b: 2\nz: 1\n", "l[0].c", "l:\n- a: 1\n- b: 2\n"),
        ])
    func regionUpToTheNextKey(yaml: String, path: String, region expected: String) throws {
        let stream = try YAMLParser().parse(yaml, fileName: "values.yaml")
        let result = try YAMLSourceEditor(stream: stream).applying([.set(try YAMLPath(parsing: path), .scalar("x"))])
        let old = stream.source.bytes
        let new = result.source.bytes
        // The editor inserts whole lines: the change is at the start of the line where the bytes first differ.
        var insertion = zip(old, new).prefix { $0 == $1 }.count
        while insertion > 0, old[insertion - 1] != 0x0A { insertion -= 1 }
        let reparse = RegionReparse(
            original: stream, documentIndex: 0, bytes: new, changed: insertion..<insertion, limits: .default)
        let parsed = try #require(reparse.parsedRegion())
        #expect(String(decoding: old[parsed.region.bytes], as: UTF8.self) == expected)
        let whole = try YAMLParser().parse(bytes: new, fileName: "values.yaml")
        #expect(ParseComparison.difference(result, whole) == nil)
    }

    @Test(
        "changes the region argument cannot vouch for are left to a parse of the whole",
        arguments: [
            // Blank lines first, at the document's first key (no pair before it to take).
            ("a: 1\nb: 2\n", "a: 1\n", "\n\na: 1\n"),
            // Document markers and directives in the region.
            ("a: 1\nb: 2\nc: 3\n", "b: 2\n", "b: 2\n---\nd: 1\n"),
            ("a: 1\nb: 2\nc: 3\n", "b: 2\n", "b: 2\n...\n"),
            ("a: 1\nb: 2\nc: 3\n", "b: 2\n", "b: 2\n%TAG !e! tag:e,2000:\n"),
            // An anchor in the region that an alias after it uses; a directive before the document.
            ("a: 1\nb: &x 2\nc: *x\n", "b: &x 2\n", "b: &x 3\n"),
            ("%TAG !e! tag:e,2000:\n---\na: 1\nb: !e!x 2\nc: 3\n", "b: !e!x 2\n", "b: !e!x 4\n"),
            // Line breaks libyaml counts and the source's lines do not.
            ("a: 1\nb: 2\nc: 3\n", "b: 2\n", "b: \"x\u{2028}y\"\n"),
            ("a: \"x\u{85}y\"\nb: 2\nc: 3\n", "b: 2\n", "b: 4\n"),
            // A less indented line in a nested region; an unclosed quote.
            ("m:\n  a: 1\n  b: 2\nz: 1\n", "  a: 1\n", "  a: 1\nq: 2\n"),
            ("a: 1\nb: 2\nc: 3\n", "b: 2\n", "b: \"open\n"),
        ])
    func refusals(yaml: String, old: String, new: String) throws {
        let stream = try YAMLParser().parse(yaml, fileName: "values.yaml")
        let (bytes, changed) = try Self.replacing(old, with: new, in: stream.source.bytes)
        let region = RegionReparse.predictedParse(
            of: stream, editing: 0, bytes: bytes, changed: changed, limits: .default)
        #expect(region == nil, "\(yaml.debugDescription) with \(old.debugDescription) -> \(new.debugDescription)")
    }

    @Test(
        "a change that starts where a key's line starts takes the pair before it, whose value the new lines may join",
        arguments: [
            // Blank lines join the kept block scalar before them; a comment line indented as its text is text.
            ("a: |+\n  x\n\nb: 1\nc: 2\n", "b: 1\n", "\n\nb: 1\n"),
            ("a: |\n  x\nb: 1\nc: 2\n", "b: 1\n", "  # c\nb: 1\n"),
            ("m:\n  a: |\n    x\n  b: 1\nz: 1\n", "  b: 1\n", "    more\n  b: 1\n"),
        ])
    func changeAtALineStart(yaml: String, old: String, new: String) throws {
        let stream = try YAMLParser().parse(yaml, fileName: "values.yaml")
        let (bytes, changed) = try Self.replacing(old, with: new, in: stream.source.bytes)
        let region = try #require(
            RegionReparse.predictedParse(of: stream, editing: 0, bytes: bytes, changed: changed, limits: .default))
        let whole = try YAMLParser().parse(bytes: bytes, fileName: "values.yaml")
        #expect(ParseComparison.difference(region, whole) == nil)
    }

    /// The bytes with the first occurrence of `old` replaced by `new`, and the range `old` took.
    static func replacing(_ old: String, with new: String, in bytes: [UInt8]) throws -> ([UInt8], Range<Int>) {
        let oldBytes = Array(old.utf8)
        let lower = try #require(
            (0...(bytes.count - oldBytes.count)).first { bytes[$0..<($0 + oldBytes.count)].elementsEqual(oldBytes) })
        var result = bytes
        result.replaceSubrange(lower..<(lower + oldBytes.count), with: Array(new.utf8))
        return (result, lower..<(lower + oldBytes.count))
    }

    @Test("the depth limit counts the levels above the region, as a parse of the whole does")
    func depthLimit() throws {
        let yaml = "a:\n  c: 1\n  d: 2\n"
        var limits = YAMLLimits.default
        limits.maxDepth = 2
        let stream = try YAMLParser(limits: limits).parse(yaml, fileName: "values.yaml")
        let deeper = Array("a:\n  c:\n    e: 1\n  d: 2\n".utf8)
        let changed = 5..<9  // "c: 1" without its line break
        #expect(throws: YAMLError.self) { try YAMLParser(limits: limits).parse(bytes: deeper, fileName: "v.yaml") }
        #expect(
            RegionReparse.predictedParse(of: stream, editing: 0, bytes: deeper, changed: changed, limits: limits)
                == nil)
        limits.maxDepth = 3
        let region = try #require(
            RegionReparse.predictedParse(of: stream, editing: 0, bytes: deeper, changed: changed, limits: limits))
        let whole = try YAMLParser(limits: limits).parse(bytes: deeper, fileName: "values.yaml")
        #expect(ParseComparison.difference(region, whole) == nil)
    }
}
