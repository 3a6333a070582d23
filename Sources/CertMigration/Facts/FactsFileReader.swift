import Foundation
import YAMLKit

/// Reads a facts file (YAML or JSON) into ``ClusterFacts``, collecting a diagnostic for everything it cannot use.
///
/// Unknown keys are warnings (a newer facts file may carry more); a value of the wrong type or a malformed version is
/// an error at its line and column. The schema is published as `schemas/facts.schema.json`.
public struct FactsFileReader: Sendable {
    /// The YAML limits applied to the file.
    public var limits: YAMLLimits

    /// Creates a reader.
    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// The facts in a file's bytes, with the diagnostics found on the way (errors included: check them).
    public func read(bytes: [UInt8], fileName: String) -> (facts: ClusterFacts, diagnostics: [Diagnostic]) {
        let stream: YAMLStream
        do {
            stream = try YAMLParser(limits: limits).parse(bytes: bytes, fileName: fileName)
        } catch {
            return (ClusterFacts(), [Diagnostic(error, id: "facts.invalid-yaml")])
        }
        var reading = FactsReading(fileName: fileName)
        guard let document = stream.documents.first else {
            reading.report(
                "facts.empty", .warning, "the facts file holds no facts", at: nil,
                fix: "describe the cluster (see schemas/facts.schema.json), or leave out --facts")
            return (reading.facts, reading.diagnostics)
        }
        if stream.documents.count > 1 {
            reading.report(
                "facts.several-documents", .error,
                "the facts file holds \(stream.documents.count) documents; expected one",
                at: stream.documents[1].span, fix: "keep one document (remove the `---` and what follows it)")
        }
        for duplicate in DuplicateKeyFinder.duplicates(in: document.root) {
            reading.report(
                "facts.duplicate-key", .warning,
                "`\(duplicate.key)` is given twice (first at line \(duplicate.first.start.line)); the last one counts",
                at: duplicate.duplicate, fix: "remove one of them")
        }
        reading.readRoot(document.root)
        reading.checkConsistency()
        // Taken out of the reading and moved out (`consume`) rather than copied: a copy of every fact, then the
        // reading's destruction, cost more than the swap; without `consume` the compiler still copied them.
        var facts = ClusterFacts()
        swap(&facts, &reading.facts)
        return (consume facts, reading.diagnostics.sortedByLocation())
    }
}

extension FactsFileReader {
    /// False for text no YAML reader takes for a float: text with two dots or more, like every full version
    /// (`1.28.9`), which then skips the resolver's number parsing (a test holds this to the resolver).
    static func mayReadAsFloat(_ text: String) -> Bool {
        var dots = 0
        for byte in text.utf8 where byte == UInt8(ascii: ".") {
            dots += 1
            if dots == 2 { return false }
        }
        return true
    }

}

/// The state of one read: the facts so far and the diagnostics.
private struct FactsReading {
    let fileName: String
    var facts = ClusterFacts()
    var diagnostics: [Diagnostic] = []

    mutating func report(_ id: String, _ severity: Severity, _ message: String, at span: SourceSpan?, fix: String?) {
        diagnostics.append(
            Diagnostic(
                id: id, severity: severity, message: message,
                location: span.map { SourceLocation(file: fileName, span: $0) } ?? SourceLocation(file: fileName),
                fix: fix))
    }

    func origin(_ node: YAMLNode) -> FactOrigin { .file(SourceLocation(file: fileName, span: node.span)) }

    /// Calls `body` for each `key: value` of a mapping node; reports anything that is not a mapping.
    mutating func eachEntry(
        of node: YAMLNode, path: String, known: [String], _ body: (inout FactsReading, String, YAMLNode) -> Void
    ) {
        if let text = node.scalarText, HelmScalarResolver.resolve(text, style: node.style, tag: node.tag) == .null {
            return  // `certManager:` with nothing under it says nothing
        }
        guard let pairs = node.pairs else {
            let what = node.items != nil ? "a sequence" : "a single value"
            let keys = known.map { "`\($0)`" }.joined(separator: ", ")
            if path.isEmpty {
                report(
                    "facts.wrong-type", .error,
                    "the facts file must be a mapping of facts, but this document is \(what)", at: node.span,
                    fix: "write the keys \(keys) at the top level (see schemas/facts.schema.json)")
            } else {
                report(
                    "facts.wrong-type", .error, "`\(path)` must be a mapping, but it is \(what)", at: node.span,
                    fix: "write the keys \(keys) under it")
            }
            return
        }
        for pair in pairs {
            guard let key = pair.key.scalarText else {
                report("facts.wrong-type", .error, "a key must be a plain name", at: pair.key.span, fix: nil)
                continue
            }
            if known.contains(key) {
                body(&self, key, pair.value)
            } else {
                let full = path.isEmpty ? key : "\(path).\(key)"
                let suggestion = NearMiss.closest(to: key, in: known)
                report(
                    "facts.unknown-key", .warning, "unknown key `\(full)`; it is ignored", at: pair.key.span,
                    fix: (suggestion.map { "did you mean `\($0)`? Known" } ?? "known")
                        + " keys here: \(known.map { "`\($0)`" }.joined(separator: ", "))")
            }
        }
    }

    /// The keys each mapping of a facts file may hold, made once (every cluster of a fleet reads them).
    static let rootKeys = ["kubernetes", "keda", "certManager", "gitops", "certificateSecret", "apiService"]
    static let kubernetesKeys = ["version", "provider"]
    static let kedaKeys = ["version", "chartVersion", "namespace", "releaseName"]
    static let certManagerKeys = ["installed", "detectedFrom", "version", "issuer"]
    static let certificateSecretKeys = ["exists", "notAfter"]
    static let apiServiceKeys = ["available", "insecureSkipTLSVerify"]
    static let issuerKeys = ["name", "kind", "group"]

    mutating func readRoot(_ root: YAMLNode) {
        eachEntry(of: root, path: "", known: Self.rootKeys) { reading, key, value in
            switch key {
            case "kubernetes":
                reading.eachEntry(of: value, path: key, known: Self.kubernetesKeys) { reading, key, value in
                    if key == "version" {
                        reading.facts.kubernetesVersion = reading.version(value, path: "kubernetes.version")
                    } else {
                        reading.facts.provider = reading.choice(value, path: "kubernetes.provider")
                    }
                }
            case "keda":
                reading.eachEntry(of: value, path: key, known: Self.kedaKeys) { reading, key, value in
                    switch key {
                    case "version": reading.facts.kedaVersion = reading.version(value, path: "keda.version")
                    case "chartVersion":
                        reading.facts.chartVersion = reading.version(value, path: "keda.chartVersion")
                    case "namespace": reading.facts.namespace = reading.name(value, path: "keda.namespace")
                    default: reading.facts.releaseName = reading.name(value, path: "keda.releaseName")
                    }
                }
            case "certManager":
                reading.eachEntry(of: value, path: key, known: Self.certManagerKeys) { reading, key, value in
                    switch key {
                    case "installed":
                        reading.facts.certManagerInstalled = reading.bool(value, path: "certManager.installed")
                    case "detectedFrom":
                        reading.facts.certManagerEvidence = reading.choice(value, path: "certManager.detectedFrom")
                    case "version":
                        reading.facts.certManagerVersion = reading.version(value, path: "certManager.version")
                    default: reading.facts.issuer = reading.issuer(value)
                    }
                }
            case "gitops":
                reading.facts.gitops = reading.choice(value, path: "gitops")
            case "certificateSecret":
                reading.eachEntry(of: value, path: key, known: Self.certificateSecretKeys) { reading, key, value in
                    if key == "exists" {
                        reading.facts.certificateSecretExists = reading.bool(value, path: "certificateSecret.exists")
                    } else {
                        reading.facts.certificateNotAfter = reading.timestamp(value, path: "certificateSecret.notAfter")
                    }
                }
            default:
                reading.eachEntry(of: value, path: key, known: Self.apiServiceKeys) { reading, key, value in
                    if key == "available" {
                        reading.facts.apiServiceAvailable = reading.bool(value, path: "apiService.available")
                    } else {
                        reading.facts.apiServiceInsecureSkipTLSVerify = reading.bool(
                            value, path: "apiService.insecureSkipTLSVerify")
                    }
                }
            }
        }
    }

    /// The text of a scalar, or a report that a scalar was expected.
    mutating func scalar(_ node: YAMLNode, path: String, expected: @autoclosure () -> String) -> String? {
        guard let text = node.scalarText else {
            report("facts.wrong-type", .error, "`\(path)` must be \(expected())", at: node.span, fix: nil)
            return nil
        }
        return text
    }

    mutating func version(_ node: YAMLNode, path: String) -> Fact<SemanticVersion>? {
        guard let text = scalar(node, path: path, expected: "a version such as 1.28.9") else { return nil }
        if node.style == .plain, FactsFileReader.mayReadAsFloat(text),
            case .float = HelmScalarResolver.resolve(text, style: .plain, tag: nil)
        {
            report(
                "facts.version-as-number", .warning,
                "`\(path)` is written as a number (\(text)); this tool reads its text, but other YAML readers see "
                    + "a float and drop trailing zeros", at: node.span, fix: "quote it: \"\(text)\"")
        }
        do {
            return Fact(try SemanticVersion.parse(text), from: origin(node))
        } catch {
            report(
                "facts.malformed-version", .error, "`\(path)`: \(error.description)", at: node.span,
                fix: "write the version `kubectl version`, `helm list` or the image tag shows, such as v1.28.9")
            return nil
        }
    }

    mutating func bool(_ node: YAMLNode, path: String) -> Fact<Bool>? {
        guard let text = scalar(node, path: path, expected: "true or false") else { return nil }
        guard case .bool(let value) = HelmScalarResolver.resolve(text, style: node.style, tag: node.tag) else {
            if node.style.isQuotedOrBlockScalar,
                case .bool(let meant) = HelmScalarResolver.resolve(text, style: .plain, tag: nil)
            {
                report(
                    "facts.wrong-type", .error, "`\(path)` is the string \"\(text)\"; expected true or false",
                    at: node.span, fix: "write \(meant) without quotes")
            } else {
                report(
                    "facts.wrong-type", .error, "`\(path)` must be true or false, not `\(text)`", at: node.span,
                    fix: "write true or false")
            }
            return nil
        }
        return Fact(value, from: origin(node))
    }

    mutating func choice<Choice: RawRepresentable & CaseIterable & Sendable & Hashable>(
        _ node: YAMLNode, path: String
    ) -> Fact<Choice>? where Choice.RawValue == String {
        let names = { Choice.allCases.map(\.rawValue) }
        guard let text = scalar(node, path: path, expected: "one of \(names().joined(separator: ", "))") else {
            return nil
        }
        guard let value = Choice(rawValue: text) ?? Choice(rawValue: text.lowercased()) else {
            let names = names()
            let guess = NearMiss.closest(to: text, in: names).map { "did you mean `\($0)`? " } ?? ""
            let listed =
                names.contains("other")
                ? "use one of the listed values (`other` when none fits)"
                : names.contains("none")
                    ? "use one of the listed values (`none` when KEDA is applied by hand or by another tool)"
                    : "use one of the listed values"
            report(
                "facts.unknown-value", .error,
                "`\(path)` is `\(text)`; expected one of \(names.joined(separator: ", "))",
                at: node.span, fix: guess.isEmpty ? listed : guess + listed.prefix(1).uppercased() + listed.dropFirst())
            return nil
        }
        return Fact(value, from: origin(node))
    }

    mutating func name(_ node: YAMLNode, path: String) -> Fact<String>? {
        guard let text = scalar(node, path: path, expected: "a name") else { return nil }
        guard KubernetesName.isLabel(text) else {
            report(
                "facts.invalid-name", .error,
                "`\(path)` is `\(text)`, which is not a valid Kubernetes name", at: node.span,
                fix: "use lower-case letters, digits and `-`, starting and ending with a letter or digit "
                    + "(at most 63 characters)")
            return nil
        }
        return Fact(text, from: origin(node))
    }

    mutating func timestamp(_ node: YAMLNode, path: String) -> Fact<String>? {
        guard let text = scalar(node, path: path, expected: "a timestamp such as 2034-11-02T10:00:00Z") else {
            return nil
        }
        guard let normalized = Timestamp.normalizedUTC(text) else {
            report(
                "facts.malformed-timestamp", .error, "`\(path)` is `\(text)`, which is not an RFC 3339 timestamp",
                at: node.span, fix: "write it as `openssl x509 -enddate` shows it, converted: 2034-11-02T10:00:00Z")
            return nil
        }
        return Fact(normalized, from: origin(node))
    }

    mutating func issuer(_ node: YAMLNode) -> Fact<IssuerReference>? {
        var name: String?
        var kind = IssuerReference.Kind.clusterIssuer
        var group = "cert-manager.io"
        var valid = true
        eachEntry(of: node, path: "certManager.issuer", known: Self.issuerKeys) { reading, key, value in
            switch key {
            case "name":
                name = reading.scalar(value, path: "certManager.issuer.name", expected: "a name")
            case "kind":
                if let choice: Fact<IssuerReference.Kind> = reading.choice(value, path: "certManager.issuer.kind") {
                    kind = choice.value
                } else {
                    valid = false
                }
            default:
                group = reading.scalar(value, path: "certManager.issuer.group", expected: "an API group") ?? group
            }
        }
        guard node.pairs != nil, valid else { return nil }
        guard let name, !name.isEmpty else {
            report(
                "facts.missing-key", .error, "`certManager.issuer` needs a `name`", at: node.span,
                fix: "add `name: <your issuer>` (and `kind: Issuer` when it is not a ClusterIssuer)")
            return nil
        }
        return Fact(IssuerReference(name: name, kind: kind, group: group), from: origin(node))
    }

    /// Facts that cannot all be true: said as warnings, since the tool can still reason about the rest.
    mutating func checkConsistency() {
        if let installed = facts.certManagerInstalled, !installed.value, let issuer = facts.issuer {
            report(
                "facts.contradiction", .warning,
                "cert-manager is said not to be installed, yet an issuer `\(issuer.value.name)` is named",
                at: nil, fix: "set `certManager.installed: true` if the issuer exists, or remove `certManager.issuer`")
            diagnostics[diagnostics.count - 1].location = issuer.origin.location
        }
        if let installed = facts.certManagerInstalled, !installed.value,
            let evidence = facts.certManagerEvidence, evidence.value == .controller
        {
            report(
                "facts.contradiction", .warning,
                "cert-manager is said not to be installed, yet its controller is said to run", at: nil,
                fix: "correct `certManager.installed` or `certManager.detectedFrom`")
            diagnostics[diagnostics.count - 1].location = evidence.origin.location
        }
        if let exists = facts.certificateSecretExists, !exists.value, let notAfter = facts.certificateNotAfter {
            report(
                "facts.contradiction", .warning,
                "the certificate secret is said not to exist, yet its expiry (\(notAfter.value)) is given",
                at: nil, fix: "correct `certificateSecret.exists` or remove `certificateSecret.notAfter`")
            diagnostics[diagnostics.count - 1].location = notAfter.origin.location
        }
    }
}
