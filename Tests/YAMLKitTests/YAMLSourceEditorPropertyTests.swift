import Testing

@testable import YAMLKit

/// A generated values file whose line ownership is known: for every block mapping key, the lines the editor's
/// documented rules give it (its own comment lines above, its key line, its value's lines, deeper comments after).
private struct GeneratedValues {
    enum ValueKind {
        case scalar, empty, flowMapping, blockScalar, list, mapping
        /// A block sequence of two-key mappings, the first key on the dash line (`- name: a`).
        case itemMappings
    }

    /// A sequence item `- first: x` / `  second: y`.
    struct Item {
        var dashLine: Int
        var first: String
        var second: String
    }

    struct Entry {
        var path: [String]
        var indent: Int
        var firstLine: Int
        var keyLine: Int
        var lastLine: Int
        var kind: ValueKind
        /// For a block scalar: true when it strips its final line break (`|-`).
        var strips = false
        /// For a block scalar: true when it is folded (`>`).
        var folded = false
        var trailingComment: String?
        /// The keys of a flow mapping value.
        var flowKeys: [String] = []
        /// The items of an `itemMappings` value.
        var items: [Item] = []
    }

    struct Mapping {
        var path: [String]
        var indent: Int
        var entries: [Int] = []
    }

    var lines: [String] = []
    var lineBreak = "\n"
    var finalNewline = true
    var byteOrderMark = false
    var entries: [Entry] = []
    var mappings: [Mapping] = []

    var text: String {
        (byteOrderMark ? "\u{FEFF}" : "") + Self.join(lines, lineBreak: lineBreak, finalNewline: finalNewline)
    }

    /// True when a line is the last line of a block scalar whose text ends with its line break.
    func endsBlockScalarKeepingBreak(at line: Int) -> Bool {
        entries.contains { $0.kind == .blockScalar && !$0.strips && $0.lastLine == line }
    }

    static func join(_ lines: [String], lineBreak: String, finalNewline: Bool) -> String {
        lines.joined(separator: lineBreak) + (finalNewline ? lineBreak : "")
    }
}

/// Builds ``GeneratedValues`` from a seeded generator.
private struct ValuesGenerator {
    var random: SeededRandom
    var counter = 0
    var values = GeneratedValues()

    static let words = ["image", "replicas", "enabled", "name", "port", "labels", "resources", "secret", "issuer"]
    static let scalars = [
        "alpha", "ghcr.io/kedacore/keda", "true", "false", "42", "3.5", "~", "v2.16.1", "a b c", "http://x.y/z",
        "'it''s'", "''", "'on'", #""x \"y\"""#, #""yes""#, #""""#, "h\u{E9}llo w\u{F6}rld", "--flag=1",
    ]

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    mutating func uniqueKey() -> String {
        counter += 1
        return random.pick(Self.words) + String(counter)
    }

    mutating func comment() -> String {
        "# " + random.pick(["-- about this", "note: keep", "generateCA: true", "TODO", "\u{2713} ok"])
    }

    mutating func generate() -> GeneratedValues {
        values = GeneratedValues()
        values.lineBreak = random.chance(0.3) ? "\r\n" : "\n"
        values.finalNewline = random.chance(0.8)
        values.byteOrderMark = random.chance(0.1)
        if random.chance(0.4) {
            values.lines += ["# Default values", ""]
        }
        mapping(path: [], indent: 0, depth: 0)
        if random.chance(0.3) {
            values.lines += ["", "# the end"]
        }
        if values.endsBlockScalarKeepingBreak(at: values.lines.count - 1) {
            // Nothing can be added after it without changing its text (the editor refuses, as tested elsewhere).
            values.finalNewline = true
        }
        return values
    }

    mutating func mapping(path: [String], indent: Int, depth: Int) {
        let mappingIndex = values.mappings.count
        values.mappings.append(GeneratedValues.Mapping(path: path, indent: indent))
        let lead = String(repeating: " ", count: indent)
        let count = depth == 0 ? Int.random(in: 2...6, using: &random) : Int.random(in: 1...4, using: &random)
        for _ in 0..<count {
            if random.chance(0.3) { values.lines.append("") }
            let firstLine = values.lines.count
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                values.lines.append(lead + comment())
            }
            let key = uniqueKey()
            let keyLine = values.lines.count
            var entry = GeneratedValues.Entry(
                path: path + [key], indent: indent, firstLine: firstLine, keyLine: keyLine, lastLine: keyLine,
                kind: .scalar)
            let trailing = random.chance(0.3) ? "  " + comment() : ""
            entry.trailingComment = trailing.isEmpty ? nil : trailing
            let roll = Double.random(in: 0..<1, using: &random)
            if depth < 3, roll < 0.3 {
                entry.kind = .mapping
                values.lines.append(lead + key + ":" + trailing)
                let entryIndex = values.entries.count
                values.entries.append(entry)
                values.mappings[mappingIndex].entries.append(entryIndex)
                mapping(path: path + [key], indent: indent + 2, depth: depth + 1)
                let inner = values.mappings.last { $0.path == path + [key] }!
                values.entries[entryIndex].lastLine = values.entries[inner.entries.last!].lastLine
                if random.chance(0.2) {
                    // A comment indented deeper than the key belongs to its value, even after a blank line.
                    values.lines += ["", lead + "  # footer"]
                    values.entries[entryIndex].lastLine = values.lines.count - 1
                }
                continue
            } else if roll < 0.4 {
                entry.kind = .blockScalar
                entry.trailingComment = nil
                let header = random.pick(["|", "|-", ">"])
                entry.strips = header.hasSuffix("-")
                entry.folded = header.hasPrefix(">")
                values.lines.append(lead + key + ": " + header)
                for _ in 0..<Int.random(in: 1...2, using: &random) {
                    values.lines.append(lead + "  " + random.pick(["some text", "# not a comment", "x: y"]))
                }
            } else if roll < 0.5 {
                entry.kind = .list
                values.lines.append(lead + key + ":" + trailing)
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    values.lines.append(lead + "  - " + random.pick(Self.scalars))
                }
            } else if roll < 0.55 {
                entry.kind = .itemMappings
                values.lines.append(lead + key + ":" + trailing)
                for _ in 0..<Int.random(in: 1...2, using: &random) {
                    let item = GeneratedValues.Item(
                        dashLine: values.lines.count, first: uniqueKey(), second: uniqueKey())
                    values.lines.append(lead + "  - " + item.first + ": " + random.pick(Self.scalars))
                    values.lines.append(lead + "    " + item.second + ": " + random.pick(Self.scalars))
                    entry.items.append(item)
                }
            } else if roll < 0.62 {
                entry.kind = .flowMapping
                entry.flowKeys = ["p", "q"]
                values.lines.append(lead + key + ": {p: 1, q: " + random.pick(["x", "'z'", "[1, 2]"]) + "}" + trailing)
            } else if roll < 0.65 {
                entry.kind = .empty
                values.lines.append(lead + key + ":" + trailing)
            } else {
                values.lines.append(lead + key + ": " + random.pick(Self.scalars) + trailing)
            }
            if entry.kind != .blockScalar, random.chance(0.15) {
                values.lines.append(lead + "    " + comment())
            }
            entry.lastLine = values.lines.count - 1
            values.mappings[mappingIndex].entries.append(values.entries.count)
            values.entries.append(entry)
        }
    }
}

/// One edit and the lines it may change.
private enum Expectation {
    /// Exactly these lines in place of the original ones.
    case lines([String], finalNewline: Bool? = nil)
    /// The same lines, except that this one may differ and these following ones are gone.
    case oneLineChanged(line: Int, removing: ClosedRange<Int>?)
}

@Suite("YAMLSourceEditor properties")
struct YAMLSourceEditorPropertyTests {
    static let documentsPerSeed = 300

    @Test(
        "an edit changes exactly the intended lines, and applying it again changes nothing",
        arguments: PropertySeeds.seeds(default: [1, 2, 3, 4]))
    func exactLinesAndIdempotent(seed: UInt64) throws {
        var generator = ValuesGenerator(seed: seed)
        var editsChecked = 0
        var kindsSeen: Set<EditKind> = []
        for documentNumber in 0..<Self.documentsPerSeed {
            let values = generator.generate()
            let text = values.text
            let stream: YAMLStream
            do {
                stream = try YAMLParser().parse(text, fileName: "generated.yaml")
            } catch {
                Issue.record(
                    "seed \(seed), document \(documentNumber): the generator wrote invalid YAML: \(error)\n\(text)")
                return
            }
            for _ in 0..<6 {
                let (edit, expectation, kind) = Self.pickEdit(
                    values, random: &generator.random, counter: &generator.counter)
                kindsSeen.insert(kind)
                let context = "seed \(seed), document \(documentNumber), \(edit)\n--- input ---\n\(text)"
                let applied: YAMLStream
                do {
                    applied = try YAMLSourceEditor(stream: stream).applying([edit])
                } catch {
                    Issue.record("\(context)\n--- refused ---\n\(error)")
                    continue
                }
                let output = applied.source.bytes
                let result = String(decoding: output, as: UTF8.self)
                Self.check(result, against: values, expectation, context: context)
                // The editor's parse of its result (often of the edited lines only) is a parse of the whole.
                let whole = try YAMLParser().parse(bytes: output, fileName: "generated.yaml")
                if let difference = ParseComparison.difference(applied, whole) {
                    Issue.record("\(context)\n--- the editor's parse differs: \(difference)")
                }
                let again = try YAMLSourceEditor(stream: whole).apply([edit])
                #expect(again == output, "not idempotent: \(context)\n--- first ---\n\(result)")
                editsChecked += 1
            }
        }
        #expect(editsChecked == Self.documentsPerSeed * 6)
        #expect(kindsSeen == Set(EditKind.allCases), "the generator missed some kinds of edit")
    }

    @Test(
        "several edits at once give the bytes, or the error, of one edit at a time, also when checked together",
        arguments: PropertySeeds.seeds(default: [5, 6]))
    func severalEditsAsOneAtATime(seed: UInt64) throws {
        var generator = ValuesGenerator(seed: seed)
        var rewrittenTogether = 0
        var addedTogether = 0
        for documentNumber in 0..<Self.documentsPerSeed / 2 {
            let values = generator.generate()
            let text = values.text
            let stream = try YAMLParser().parse(text, fileName: "generated.yaml")
            let editor = YAMLSourceEditor(stream: stream)
            // Any edits; scalar rewrites of two scalars; keys added below one new key of a mapping.
            var lists: [[YAMLEdit]] = [
                (0..<Int.random(in: 2...3, using: &generator.random)).map { _ in
                    Self.pickEdit(values, random: &generator.random, counter: &generator.counter).0
                }
            ]
            let scalars = values.entries.filter { $0.kind == .scalar || $0.kind == .empty }
            if scalars.count >= 2 {
                let first = generator.random.pick(scalars)
                let second = generator.random.pick(scalars)
                let newValues: [YAMLNode] = [
                    .scalar("r\(documentNumber)"), .scalar("false"), .scalar("on", style: .doubleQuoted),
                    .scalar(""), .scalar("a: b"),
                ]
                lists.append([
                    .set(YAMLPath(keys: first.path), generator.random.pick(newValues)),
                    .set(YAMLPath(keys: second.path), generator.random.pick(newValues)),
                ])
            }
            let below = generator.random.pick(values.mappings).path + ["new\(documentNumber)"]
            lists.append([
                .set(YAMLPath(keys: below + ["enabled"]), .scalar("true")),
                .set(YAMLPath(keys: below + ["issuer", "generate"]), .scalar("false")),
                .set(YAMLPath(keys: below + ["on"]), .scalar("x y", style: .singleQuoted)),
                .set(YAMLPath(keys: below + ["issuer", "name"]), .scalar("corp-ca")),
            ])
            for edits in lists {
                let context = "seed \(seed), document \(documentNumber), \(edits)\n--- input ---\n\(text)"
                if editor.appliedTogether(edits) != nil { rewrittenTogether += 1 }
                if editor.addedTogether(edits) != nil { addedTogether += 1 }
                #expect(
                    Self.outcome { try editor.apply(edits) } == Self.outcome { try Self.oneByOne(text, edits) },
                    "\(context)")
            }
        }
        #expect(rewrittenTogether > 0 && addedTogether > 0, "the generator missed edits that are checked together")
    }

    /// The bytes of a list of edits, or the error (message and position) it is refused with.
    private static func outcome(_ apply: () throws -> [UInt8]) -> String {
        do {
            return "bytes: " + String(decoding: try apply(), as: UTF8.self)
        } catch {
            let error = error as? YAMLError
            return "error: \(error?.message ?? "") at \(error?.position?.description ?? "")"
        }
    }

    /// The bytes of applying edits one at a time, each to the parse of the previous result.
    private static func oneByOne(_ text: String, _ edits: [YAMLEdit]) throws -> [UInt8] {
        var bytes = Array(text.utf8)
        for edit in edits {
            bytes = try YAMLSourceEditor(stream: YAMLParser().parse(bytes: bytes, fileName: "generated.yaml"))
                .apply([edit])
        }
        return bytes
    }

    private static func check(
        _ result: String, against values: GeneratedValues, _ expectation: Expectation, context: String
    ) {
        switch expectation {
        case .lines(let lines, let finalNewline):
            let expected =
                (values.byteOrderMark ? "\u{FEFF}" : "")
                + GeneratedValues.join(
                    lines, lineBreak: values.lineBreak, finalNewline: finalNewline ?? values.finalNewline)
            #expect(result == expected, "\(context)\n--- got ---\n\(result)\n--- expected ---\n\(expected)")
        case .oneLineChanged(let line, let removing):
            var expected = values.lines
            if let removing { expected.removeSubrange(removing) }
            #expect(result.hasPrefix("\u{FEFF}") == values.byteOrderMark, "\(context)\n--- byte order mark ---")
            var got = String(result.drop { $0 == "\u{FEFF}" }).components(separatedBy: values.lineBreak)
            if values.finalNewline {
                #expect(got.last == "", "\(context)\n--- lost its final line break ---\n\(result)")
                got.removeLast()
            }
            guard got.count == expected.count else {
                Issue.record("\(context)\n--- line count changed ---\n\(result)")
                return
            }
            for index in expected.indices where index != line && got[index] != expected[index] {
                Issue.record("\(context)\n--- line \(index + 1) changed ---\n\(result)")
            }
            let original = values.lines[line]
            let keyPart = original.prefix { $0 != ":" }
            #expect(got[line].hasPrefix(keyPart + ":"), "\(context)\n--- key line ---\n\(got[line])")
            if let comment = values.entries.first(where: { $0.keyLine == line })?.trailingComment {
                #expect(got[line].hasSuffix(comment), "\(context)\n--- comment lost ---\n\(got[line])")
            }
        }
    }

    enum EditKind: CaseIterable {
        case replaceWithScalar, addSibling, addNested, remove, removeAbsent, replaceWithMapping
        case flowSet, flowAdd, flowRemove
        case itemSet, itemRemoveFirst, itemRemoveSecond, itemAdd
    }

    private static func pickEdit(
        _ values: GeneratedValues, random: inout SeededRandom, counter: inout Int
    ) -> (YAMLEdit, Expectation, EditKind) {
        counter += 1
        let entry = random.pick(values.entries)
        let path = YAMLPath(keys: entry.path)
        let lead = String(repeating: " ", count: entry.indent)
        let newScalars: [YAMLNode] = [
            .scalar("replaced\(counter)"), .scalar("true"), .scalar("on", style: .doubleQuoted),
            .scalar("x y", style: .singleQuoted), .scalar(""), .scalar("12"), .scalar("a: b"),
        ]
        let siblings = values.mappings.first { $0.path == entry.path.dropLast() }!.entries.count
        var kinds: [EditKind] = [.replaceWithScalar, .addSibling, .addNested, .removeAbsent, .replaceWithMapping]
        if siblings > 1 { kinds.append(.remove) }
        switch entry.kind {
        case .flowMapping: kinds += [.flowSet, .flowAdd, .flowRemove]
        case .itemMappings: kinds += [.itemSet, .itemRemoveFirst, .itemRemoveSecond, .itemAdd]
        default: break
        }
        let item = entry.items.isEmpty ? nil : random.pick(entry.items)
        let itemIndex = item.flatMap { item in entry.items.firstIndex { $0.dashLine == item.dashLine } } ?? 0
        let itemPath = path.appending(.index(itemIndex))
        var lines = values.lines

        let kind = random.pick(kinds)
        let (edit, expectation) = makeEdit(kind)
        return (edit, expectation, kind)

        func makeEdit(_ kind: EditKind) -> (YAMLEdit, Expectation) {
            switch kind {
            case .replaceWithScalar:
                switch entry.kind {
                case .scalar, .empty, .flowMapping:
                    return (.set(path, random.pick(newScalars)), .oneLineChanged(line: entry.keyLine, removing: nil))
                case .blockScalar:
                    // A string stays a block scalar (`|-` for one line without a break); anything else goes inline.
                    let value = random.pick(newScalars)
                    let text = value.scalarText ?? ""
                    let removing = (entry.keyLine + 1)...entry.lastLine
                    guard HelmScalarResolver.resolve(text, style: value.style, tag: value.tag) == .string(text) else {
                        return (.set(path, value), .oneLineChanged(line: entry.keyLine, removing: removing))
                    }
                    lines[entry.keyLine] = lead + entry.path.last! + (entry.folded ? ": >-" : ": |-")
                    lines.replaceSubrange(removing, with: [lead + "  " + text])
                    return (.set(path, value), .lines(lines))
                case .mapping, .list, .itemMappings:
                    let removing = entry.keyLine + 1 <= entry.lastLine ? (entry.keyLine + 1)...entry.lastLine : nil
                    return (
                        .set(path, random.pick(newScalars)), .oneLineChanged(line: entry.keyLine, removing: removing)
                    )
                }
            case .replaceWithMapping:
                let value = YAMLNode.mapping(["fresh": .scalar("1"), "nested": .mapping(["deep": .scalar("x")])])
                let newLines = [lead + "  fresh: 1", lead + "  nested:", lead + "    deep: x"]
                switch entry.kind {
                case .scalar, .empty, .flowMapping:
                    // The old text goes; the rest of the key's line (a comment) stays; the block follows the key line.
                    lines[entry.keyLine] = lead + entry.path.last! + ":" + (entry.trailingComment ?? "")
                    lines.insert(contentsOf: newLines, at: entry.keyLine + 1)
                case .mapping, .list, .itemMappings:
                    lines.replaceSubrange((entry.keyLine + 1)...entry.lastLine, with: newLines)
                case .blockScalar:
                    lines[entry.keyLine] = lead + entry.path.last! + ":"
                    lines.replaceSubrange((entry.keyLine + 1)...entry.lastLine, with: newLines)
                }
                return (.set(path, value), .lines(lines))
            case .addSibling:
                let mapping = random.pick(values.mappings)
                let last = values.entries[mapping.entries.last!]
                let key = "added\(counter)"
                lines.insert(
                    String(repeating: " ", count: mapping.indent) + key + ": v\(counter)", at: last.lastLine + 1)
                return (.set(YAMLPath(keys: mapping.path + [key]), .scalar("v\(counter)")), .lines(lines))
            case .addNested:
                let mapping = random.pick(values.mappings)
                let last = values.entries[mapping.entries.last!]
                let lead = String(repeating: " ", count: mapping.indent)
                lines.insert(
                    contentsOf: [lead + "new\(counter):", lead + "  inner:", lead + "    leaf: \"on\""],
                    at: last.lastLine + 1)
                let path = YAMLPath(keys: mapping.path + ["new\(counter)", "inner", "leaf"])
                return (.set(path, .scalar("on", style: .doubleQuoted)), .lines(lines))
            case .remove:
                lines.removeSubrange(entry.firstLine...entry.lastLine)
                // Removing the last lines of a file without a final newline takes the break before them too, unless a
                // block scalar's text ends with that break.
                let keepsBreak =
                    entry.lastLine == values.lines.count - 1 && !values.finalNewline
                    && values.endsBlockScalarKeepingBreak(at: entry.firstLine - 1)
                return (.remove(path), .lines(lines, finalNewline: keepsBreak ? true : nil))
            case .removeAbsent:
                return (.remove(path.appending(.key("absent\(counter)"))), .lines(values.lines))
            case .flowSet:
                let inner = path.appending(.key(random.pick(entry.flowKeys)))
                return (.set(inner, random.pick(newScalars)), .oneLineChanged(line: entry.keyLine, removing: nil))
            case .flowAdd:
                let inner = path.appending(.key("added\(counter)"))
                return (.set(inner, .scalar("v\(counter)")), .oneLineChanged(line: entry.keyLine, removing: nil))
            case .flowRemove:
                let inner = path.appending(.key(random.pick(entry.flowKeys)))
                return (.remove(inner), .oneLineChanged(line: entry.keyLine, removing: nil))
            case .itemSet:
                let item = item!
                return (
                    .set(itemPath.appending(.key(item.first)), random.pick(newScalars)),
                    .oneLineChanged(line: item.dashLine, removing: nil)
                )
            case .itemRemoveSecond:
                let item = item!
                lines.remove(at: item.dashLine + 1)
                return (.remove(itemPath.appending(.key(item.second))), .lines(lines))
            case .itemRemoveFirst:
                // The second key moves up onto the dash line.
                let item = item!
                lines[item.dashLine] = lead + "  - " + lines[item.dashLine + 1].drop { $0 == " " }
                lines.remove(at: item.dashLine + 1)
                return (.remove(itemPath.appending(.key(item.first))), .lines(lines))
            case .itemAdd:
                let item = item!
                lines.insert(lead + "    extra\(counter): v", at: item.dashLine + 2)
                return (.set(itemPath.appending(.key("extra\(counter)")), .scalar("v")), .lines(lines))
            }
        }
    }
}
