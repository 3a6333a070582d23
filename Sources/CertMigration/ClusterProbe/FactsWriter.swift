import Foundation
import YAMLKit

/// Prints ``ProbedFacts`` as a facts file that ``FactsFileReader`` reads back to the same facts.
///
/// YAML is built as a node tree and emitted through libyaml (valid by construction); a header comment lists what is
/// unknown and why, and what else was seen, and each fact's line ends with a comment naming where it came from.
/// JSON (`--format json`) holds the same facts, keys sorted, and no comments: ``notes(_:)`` gives those lines for the
/// caller to print elsewhere (stderr). The same facts always give the same bytes.
public struct FactsWriter: Sendable {
    /// The output format.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// YAML with comments.
        case yaml
        /// JSON, pretty-printed with sorted keys.
        case json
    }

    /// The format written.
    public var format: Format

    /// Creates a writer.
    public init(format: Format = .yaml) {
        self.format = format
    }

    /// The facts file's bytes.
    ///
    /// - Parameter source: what the facts were read from, for the header (`the captured outputs in captured/`).
    public func write(_ probed: ProbedFacts, source: String) throws(Diagnostic) -> [UInt8] {
        switch format {
        case .json: return try json(probed.facts)
        case .yaml: return try yaml(probed, source: source)
        }
    }

    /// The lines a YAML file carries as comments: each unknown fact with its reason, then the remarks.
    public func notes(_ probed: ProbedFacts) -> [String] {
        let unknown = FactKey.allCases.filter { $0.origin(in: probed.facts) == nil }.map { key in
            "unknown \(key.rawValue): \(probed.unknownReasons[key] ?? "no output gave it")"
        }
        return (unknown + probed.remarks).map(Self.oneLine)
    }

    /// The facts as a node tree in the facts file's key order, leaving out what is unknown.
    static func tree(_ facts: ClusterFacts) -> YAMLNode {
        var root: [YAMLPair] = []
        func group(_ key: String, _ entries: [(String, YAMLNode?)]) {
            let pairs = entries.compactMap { entry in entry.1.map { YAMLPair(key: .scalar(entry.0), value: $0) } }
            if !pairs.isEmpty { root.append(YAMLPair(key: .scalar(key), value: .mapping(pairs))) }
        }
        let version: (Fact<SemanticVersion>?) -> YAMLNode? = { $0.map { .string($0.value.description) } }
        let bool: (Fact<Bool>?) -> YAMLNode? = { $0.map { .scalar($0.value ? "true" : "false") } }
        let text: (Fact<String>?) -> YAMLNode? = { $0.map { .string($0.value) } }
        group(
            "kubernetes",
            [
                ("version", version(facts.kubernetesVersion)),
                ("provider", facts.provider.map { .string($0.value.rawValue) }),
            ])
        group(
            "keda",
            [
                ("version", version(facts.kedaVersion)), ("chartVersion", version(facts.chartVersion)),
                ("namespace", text(facts.namespace)), ("releaseName", text(facts.releaseName)),
            ])
        let issuer = facts.issuer.map { fact -> YAMLNode in
            .mapping([
                YAMLPair(key: .scalar("name"), value: .string(fact.value.name)),
                YAMLPair(key: .scalar("kind"), value: .string(fact.value.kind.rawValue)),
                YAMLPair(key: .scalar("group"), value: .string(fact.value.group)),
            ])
        }
        group(
            "certManager",
            [
                ("installed", bool(facts.certManagerInstalled)),
                ("detectedFrom", facts.certManagerEvidence.map { .string($0.value.rawValue) }),
                ("version", version(facts.certManagerVersion)), ("issuer", issuer),
            ])
        if let gitops = facts.gitops {
            root.append(YAMLPair(key: .scalar("gitops"), value: .string(gitops.value.rawValue)))
        }
        group(
            "certificateSecret",
            [("exists", bool(facts.certificateSecretExists)), ("notAfter", text(facts.certificateNotAfter))])
        group(
            "apiService",
            [
                ("available", bool(facts.apiServiceAvailable)),
                ("insecureSkipTLSVerify", bool(facts.apiServiceInsecureSkipTLSVerify)),
            ])
        return .mapping(root)
    }

    private func yaml(_ probed: ProbedFacts, source: String) throws(Diagnostic) -> [UInt8] {
        let body: [UInt8]
        do {
            body = try YAMLEmitter().emit(Self.tree(probed.facts))
        } catch {
            throw Diagnostic(error, id: "facts.emit-failed")
        }
        var lines = String(decoding: body, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        if lines.last == "" { lines.removeLast() }
        for (line, origin) in Self.originLines(body, probed.facts) where line - 1 < lines.count {
            lines[line - 1] += "  # \(Self.oneLine(origin.description))"
        }
        var header = [
            "# Cluster facts for keda-cert-migrate, read from \(Self.oneLine(source)).",
            "# The comment after each fact says where it came from. Check them, then pass this file with --facts.",
        ]
        let unknown = FactKey.allCases.filter { $0.origin(in: probed.facts) == nil }
        if !unknown.isEmpty {
            header += ["#", "# Unknown (add what you know):"]
            header += unknown.map { key in
                "#   \(key.rawValue): \(Self.oneLine(probed.unknownReasons[key] ?? "no output gave it"))"
            }
        }
        if !probed.remarks.isEmpty {
            header += ["#", "# Also seen:"]
            header += probed.remarks.map { "#   \(Self.oneLine($0))" }
        }
        return Array((header + lines).map { $0 + "\n" }.joined().utf8)
    }

    /// The 1-based line of each known fact's key in the emitted YAML, found by parsing it again.
    private static func originLines(_ emitted: [UInt8], _ facts: ClusterFacts) -> [(Int, FactOrigin)] {
        guard let root = (try? YAMLParser().parse(bytes: emitted, fileName: "facts"))?.documents.first?.root else {
            return []
        }
        var lines: [String: Int] = [:]
        func walk(_ node: YAMLNode, _ path: String) {
            for pair in node.pairs ?? [] {
                guard let key = pair.key.scalarText else { continue }
                let full = path.isEmpty ? key : "\(path).\(key)"
                lines[full] = pair.key.span.start.line
                if full != FactKey.issuer.rawValue { walk(pair.value, full) }
            }
        }
        walk(root, "")
        return FactKey.allCases.compactMap { key in
            guard let origin = key.origin(in: facts), let line = lines[key.rawValue] else { return nil }
            return (line, origin)
        }
    }

    private func json(_ facts: ClusterFacts) throws(Diagnostic) -> [UInt8] {
        func object(_ node: YAMLNode) -> Any {
            if let pairs = node.pairs {
                var dictionary: [String: Any] = [:]
                for pair in pairs { dictionary[pair.key.scalarText ?? ""] = object(pair.value) }
                return dictionary
            }
            let text = node.scalarText ?? ""
            if node.style == .plain, text == "true" || text == "false" { return text == "true" }
            return text
        }
        do {
            let data = try JSONSerialization.data(
                withJSONObject: object(Self.tree(facts)),
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            return [UInt8](data) + [0x0A]
        } catch {
            throw Diagnostic(
                id: "facts.emit-failed", severity: .error, message: "the facts cannot be written as JSON: \(error)")
        }
    }

    /// The text on one line: line breaks and other control characters become spaces.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }
}
