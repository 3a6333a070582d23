import YAMLKit

/// Checks a generated Kubernetes manifest before it is written: what the API server and cert-manager would refuse.
///
/// Every manifest: a mapping with `apiVersion` and `kind`; `metadata.name` a DNS-1123 subdomain (at most 253
/// lower-case letters, digits, `-` and `.`, in dot-separated labels that start and end alphanumeric);
/// `metadata.namespace` a DNS-1123 label; label and annotation values strings.
///
/// `cert-manager.io/v1` objects also get a structural check of the fields the tool writes, with cert-manager's own
/// rules (its CRD schema and admission webhook):
/// - Certificate: `spec.secretName` (a subdomain) and `spec.issuerRef.name` required; `issuerRef.kind` `Issuer` or
///   `ClusterIssuer` unless `issuerRef.group` names another issuer group; `duration` and `renewBefore` in Go
///   duration syntax, `duration` at least 1h, `renewBefore` at least 5m and shorter than `duration` (90 days when
///   unset); `usages` from cert-manager's list; `dnsNames` a non-empty list of DNS names (`*.` allowed first); at least
///   one subject (`commonName`, `dnsNames`, `uris`, `emailAddresses`, `ipAddresses`, `otherNames` or
///   `literalSubject`); `commonName` at most 64 bytes; `isCA` a boolean; `privateKey.algorithm` `RSA`, `ECDSA` or
///   `Ed25519` with a matching `size` (RSA 2048, 4096, 8192; ECDSA 256, 384, 521).
/// - Both: no field cert-manager v1.21 does not know in the mappings the tool writes (the top level, `spec`,
///   `issuerRef`, `privateKey`, `secretTemplate`, `ca`, `selfSigned`).
/// - Issuer and ClusterIssuer: exactly one of `acme`, `ca`, `selfSigned`, `vault`, `venafi`, each a mapping;
///   `ca.secretName` required.
///
/// A key written twice in one mapping is an error too (check-jsonschema and `kubectl apply --validate=strict` refuse
/// it). Values are read as Kubernetes reads them (sigs.k8s.io/yaml over go-yaml v2, the same rules as Helm values), so
/// `isCA: yes` is a boolean. Each problem is an error `Diagnostic` whose message names the document (`Certificate
/// "keda-tls"`) and the field path (`spec.issuerRef.name`, `spec.dnsNames[2]`), placed at the field when the manifest
/// came from a file.
public struct ManifestChecker: Sendable {
    /// The key usages cert-manager v1 accepts (`spec.usages`).
    public static let keyUsages: Set<String> = [
        "signing", "digital signature", "content commitment", "key encipherment", "key agreement",
        "data encipherment", "cert sign", "crl sign", "encipher only", "decipher only", "any", "server auth",
        "client auth", "code signing", "email protection", "s/mime", "ipsec end system", "ipsec tunnel", "ipsec user",
        "timestamping", "ocsp signing", "microsoft sgc", "netscape sgc",
    ]

    /// The issuer types of an Issuer or ClusterIssuer spec, exactly one of which must be set.
    public static let issuerTypes = ["acme", "ca", "selfSigned", "vault", "venafi"]

    /// The fields cert-manager v1.21 knows, by path, for the mappings the tool writes (a typo in a template would
    /// otherwise be pruned by the API server without a word).
    static let knownFields: [String: Set<String>] = [
        "": ["apiVersion", "kind", "metadata", "spec", "status"],
        "Certificate.spec": [
            "additionalOutputFormats", "commonName", "dnsNames", "duration", "emailAddresses", "encodeUsagesInRequest",
            "ipAddresses", "isCA", "issuerRef", "keystores", "literalSubject", "nameConstraints", "otherNames",
            "privateKey", "renewBefore", "renewBeforePercentage", "renewal", "revisionHistoryLimit", "secretName",
            "secretTemplate", "signatureAlgorithm", "subject", "uris", "usages",
        ],
        "Certificate.spec.issuerRef": ["group", "kind", "name"],
        "Certificate.spec.privateKey": ["algorithm", "encoding", "rotationPolicy", "size"],
        "Certificate.spec.secretTemplate": ["annotations", "labels"],
        "Issuer.spec": ["acme", "ca", "selfSigned", "vault", "venafi"],
        "Issuer.spec.ca": ["crlDistributionPoints", "issuingCertificateURLs", "ocspServers", "secretName"],
        "Issuer.spec.selfSigned": ["crlDistributionPoints"],
    ]

    /// Creates a checker.
    public init() {}

    /// Checks a parsed manifest document; a document Kubernetes could not read at all is one diagnostic.
    public func check(_ document: YAMLDocument, fileName: String, source: SourceText? = nil) -> [Diagnostic] {
        guard case .mapping = document.root.content else {
            return [
                Diagnostic(
                    id: "manifest.not-a-mapping", severity: .error,
                    message: "a Kubernetes manifest must be a mapping with apiVersion, kind and metadata",
                    location: Self.location(fileName, document.root.span), fix: "write the object as `key: value` lines"
                )
            ]
        }
        do {
            let read = try HelmValueReader().read(document, fileName: fileName, source: source)
            let duplicates = read.duplicateKeys.map { duplicate in
                Diagnostic(
                    id: "manifest.duplicate-key", severity: .error,
                    message: "the key \(duplicate.key.debugDescription) is written twice in one mapping (first at line "
                        + "\(duplicate.first.start.line)); Kubernetes keeps the last one, and strict readers refuse it",
                    location: Self.location(fileName, duplicate.duplicate), fix: "keep one of the two")
            }
            return duplicates + check(read.values, fileName: fileName)
        } catch {
            return [Diagnostic(error, id: "manifest.unreadable")]
        }
    }

    /// Checks a manifest held as values (built in memory, or read from a file with its spans).
    public func check(_ manifest: HelmValue, fileName: String) -> [Diagnostic] {
        var walk = ManifestWalk(fileName: fileName, root: manifest)
        walk.checkCommon()
        if walk.apiVersion == "cert-manager.io/v1" {
            if ["Certificate", "Issuer", "ClusterIssuer"].contains(walk.kind) {
                walk.checkKnownFields(manifest, schemaPath: "", path: "")
            }
            switch walk.kind {
            case "Certificate": walk.checkCertificate()
            case "Issuer", "ClusterIssuer": walk.checkIssuer()
            default: break
            }
        }
        return walk.diagnostics
    }

    /// True for a DNS-1123 subdomain: 1 to 253 bytes of lower-case letters, digits, `-` and `.`, each dot-separated
    /// part starting and ending with a letter or digit (the rule for most object names and Secret names).
    ///
    /// Read in one pass over the UTF-8 bytes (every accepted byte is ASCII, so a byte `.` is the character `.`),
    /// without copying the text or its parts: every generated manifest's name is checked.
    public static func isSubdomain(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            guard (1...253).contains(bytes.count) else { return false }
            var partStart = 0
            for index in 0...bytes.count {
                if index < bytes.count, bytes[index] != UInt8(ascii: ".") {
                    guard isLowercaseAlphanumeric(bytes[index]) || bytes[index] == UInt8(ascii: "-") else {
                        return false
                    }
                    continue
                }
                // A part ends: it must not be empty, and must start and end with a letter or digit.
                guard index > partStart, isLowercaseAlphanumeric(bytes[partStart]),
                    isLowercaseAlphanumeric(bytes[index - 1])
                else { return false }
                partStart = index + 1
            }
            return true
        }
    }

    /// True for `a`...`z` and `0`...`9`.
    @inline(__always)
    private static func isLowercaseAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// True for a DNS name a certificate may hold: like a subdomain, but letters of either case, each label at most
    /// 63 bytes, and an optional `*.` first (a wildcard).
    public static func isDNSName(_ text: String) -> Bool {
        let name = text.hasPrefix("*.") ? String(text.dropFirst(2)) : text
        let lowered = name.lowercased()
        return isSubdomain(lowered) && lowered.split(separator: ".").allSatisfy { $0.utf8.count <= 63 }
    }

    static func location(_ fileName: String, _ span: SourceSpan) -> SourceLocation {
        span == .none ? SourceLocation(file: fileName) : SourceLocation(file: fileName, span: span)
    }
}

/// One pass over one manifest, collecting diagnostics.
private struct ManifestWalk {
    let fileName: String
    let root: HelmValue
    var diagnostics: [Diagnostic] = []

    init(fileName: String, root: HelmValue) {
        self.fileName = fileName
        self.root = root
    }

    var apiVersion: String? { string(root["apiVersion"]) }
    var kind: String? { string(root["kind"]) }

    /// `Certificate "keda-tls"`, or as much of it as is known.
    var documentName: String {
        let name = string(root["metadata"]?["name"]).map { " \($0.debugDescription)" } ?? ""
        return (kind ?? "the manifest") + name
    }

    // MARK: Every manifest

    mutating func checkCommon() {
        guard root.entries != nil else {
            report(
                "manifest.not-a-mapping", "", "must be a mapping with apiVersion, kind and metadata", at: root,
                fix: "write the object as `key: value` lines")
            return
        }
        for field in ["apiVersion", "kind"] {
            if let text = requireString(field, in: root, path: []), text.isEmpty {
                report("manifest.missing-field", field, "must not be empty", at: root[field]!, fix: "set \(field)")
            }
        }
        guard let metadata = requireMapping("metadata", in: root, path: []) else { return }
        if let name = requireString("name", in: metadata, path: ["metadata"]), !ManifestChecker.isSubdomain(name) {
            report(
                "manifest.invalid-name", "metadata.name",
                "\(name.debugDescription) is not a valid Kubernetes name (a DNS-1123 subdomain: at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit)",
                at: metadata["name"]!, fix: "use a name like `keda-operator-tls`")
        }
        if let namespace = optionalString("namespace", in: metadata, path: ["metadata"]),
            !KubernetesName.isLabel(namespace)
        {
            report(
                "manifest.invalid-name", "metadata.namespace",
                "\(namespace.debugDescription) is not a valid namespace (a DNS-1123 label: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit)",
                at: metadata["namespace"]!, fix: "use the release's namespace, like `keda`")
        }
        for field in ["labels", "annotations"] {
            guard let entries = optionalMapping(field, in: metadata, path: ["metadata"])?.entries else { continue }
            for key in entries.keys.sorted() where entries[key]!.stringValue == nil {
                report(
                    "manifest.wrong-type", "metadata.\(field).\(key)",
                    "must be a string, not \(entries[key]!.typeName)",
                    at: entries[key]!, fix: "quote the value")
            }
        }
    }

    // MARK: cert-manager

    mutating func checkCertificate() {
        guard let spec = requireMapping("spec", in: root, path: []) else { return }
        checkKnownFields(spec, schemaPath: "Certificate.spec", path: "spec")
        for field in ["issuerRef", "privateKey", "secretTemplate"] {
            if let value = spec[field] {
                checkKnownFields(value, schemaPath: "Certificate.spec.\(field)", path: "spec.\(field)")
            }
        }
        if let secretName = requireString("secretName", in: spec, path: ["spec"]),
            !ManifestChecker.isSubdomain(secretName)
        {
            report(
                "manifest.invalid-name", "spec.secretName",
                "\(secretName.debugDescription) is not a valid Secret name (a DNS-1123 subdomain)",
                at: spec["secretName"]!, fix: "use the secret name the chart mounts, like `kedaorg-certs`")
        }
        if let issuerRef = requireMapping("issuerRef", in: spec, path: ["spec"]) {
            if let name = requireString("name", in: issuerRef, path: ["spec", "issuerRef"]), name.isEmpty {
                report(
                    "manifest.missing-field", "spec.issuerRef.name", "must not be empty", at: issuerRef["name"]!,
                    fix: "name the Issuer or ClusterIssuer")
            }
            let group = optionalString("group", in: issuerRef, path: ["spec", "issuerRef"])
            if let kind = optionalString("kind", in: issuerRef, path: ["spec", "issuerRef"]),
                group == nil || group == "" || group == "cert-manager.io", kind != "Issuer", kind != "ClusterIssuer"
            {
                report(
                    "manifest.invalid-value", "spec.issuerRef.kind",
                    "\(kind.debugDescription) is not a cert-manager issuer kind (Issuer or ClusterIssuer)",
                    at: issuerRef["kind"]!,
                    fix: "write Issuer or ClusterIssuer, or set issuerRef.group to the external issuer's API group")
            }
        }
        checkLifetime(spec)
        if let usages = optionalSequence("usages", in: spec, path: ["spec"]) {
            for (index, usage) in usages.enumerated() {
                let path = "spec.usages[\(index)]"
                guard let text = usage.stringValue else {
                    report(
                        "manifest.wrong-type", path, "must be a string, not \(usage.typeName)", at: usage,
                        fix: "write a key usage like `server auth`")
                    continue
                }
                if !ManifestChecker.keyUsages.contains(text) {
                    report(
                        "manifest.invalid-value", path,
                        "\(text.debugDescription) is not a key usage cert-manager knows",
                        at: usage, fix: "use one of: \(ManifestChecker.keyUsages.sorted().joined(separator: ", "))")
                }
            }
        }
        if let dnsNames = optionalSequence("dnsNames", in: spec, path: ["spec"]) {
            if dnsNames.isEmpty {
                report(
                    "manifest.invalid-value", "spec.dnsNames", "must list at least one DNS name",
                    at: spec["dnsNames"]!, fix: "list the service DNS names, or leave the field out")
            }
            for (index, name) in dnsNames.enumerated() {
                let path = "spec.dnsNames[\(index)]"
                guard let text = name.stringValue else {
                    report(
                        "manifest.wrong-type", path, "must be a string, not \(name.typeName)", at: name,
                        fix: "write a DNS name like `keda-operator.keda.svc`")
                    continue
                }
                if !ManifestChecker.isDNSName(text) {
                    report(
                        "manifest.invalid-value", path, "\(text.debugDescription) is not a valid DNS name", at: name,
                        fix: "write a DNS name like `keda-operator.keda.svc`")
                }
            }
        }
        let subjects = [
            "commonName", "dnsNames", "uris", "emailAddresses", "ipAddresses", "otherNames", "literalSubject",
        ]
        if !subjects.contains(where: { spec[$0] != nil && spec[$0]!.content != .null }) {
            report(
                "manifest.missing-field", "spec",
                "must name at least one subject: commonName, dnsNames, uris, emailAddresses, ipAddresses, otherNames or literalSubject",
                at: spec, fix: "set dnsNames (or commonName for a CA)")
        }
        if let commonName = optionalString("commonName", in: spec, path: ["spec"]), commonName.utf8.count > 64 {
            report(
                "manifest.invalid-value", "spec.commonName", "is longer than the 64 bytes X.509 allows",
                at: spec["commonName"]!, fix: "use a shorter common name; put long names in dnsNames")
        }
        if let isCA = spec["isCA"], isCA.content != .null {
            if case .bool = isCA.content {
            } else {
                report(
                    "manifest.wrong-type", "spec.isCA", "must be a boolean, not \(isCA.typeName)", at: isCA,
                    fix: "write true or false, unquoted")
            }
        }
        checkPrivateKey(spec)
    }

    mutating func checkLifetime(_ spec: HelmValue) {
        func duration(_ field: String) -> GoDuration? {
            guard let text = optionalString(field, in: spec, path: ["spec"]) else { return nil }
            guard let value = GoDuration(text) else {
                report(
                    "manifest.invalid-duration", "spec.\(field)",
                    "\(text.debugDescription) is not a Go duration", at: spec[field]!,
                    fix: "write hours, minutes and seconds like `8760h0m0s`")
                return nil
            }
            return value
        }
        let lifetime = duration("duration")
        let renewBefore = duration("renewBefore")
        if let lifetime, lifetime < .hour {
            report(
                "manifest.invalid-duration", "spec.duration",
                "is \(lifetime), shorter than cert-manager's minimum of 1h",
                at: spec["duration"]!, fix: "write at least `1h0m0s`")
        }
        if let renewBefore {
            if renewBefore < GoDuration(nanoseconds: 5 * GoDuration.minute.nanoseconds) {
                report(
                    "manifest.invalid-duration", "spec.renewBefore",
                    "is \(renewBefore), shorter than cert-manager's minimum of 5m", at: spec["renewBefore"]!,
                    fix: "write at least `5m0s`")
            }
            let durationWritten = spec["duration"] != nil && spec["duration"]!.content != .null
            let effective = lifetime ?? GoDuration(nanoseconds: 2160 * GoDuration.hour.nanoseconds)
            if lifetime != nil || !durationWritten, renewBefore >= effective {
                report(
                    "manifest.invalid-duration", "spec.renewBefore",
                    "is \(renewBefore), not shorter than the certificate's duration \(effective)\(lifetime == nil ? " (the default)" : "")",
                    at: spec["renewBefore"]!,
                    fix: "renew before the certificate expires: make renewBefore shorter than duration")
            }
            if spec["renewBeforePercentage"] != nil {
                report(
                    "manifest.invalid-value", "spec.renewBeforePercentage", "cannot be set together with renewBefore",
                    at: spec["renewBeforePercentage"]!, fix: "keep one of the two")
            }
        }
    }

    mutating func checkPrivateKey(_ spec: HelmValue) {
        guard let privateKey = optionalMapping("privateKey", in: spec, path: ["spec"]) else { return }
        let path = ["spec", "privateKey"]
        let algorithm = optionalString("algorithm", in: privateKey, path: path)
        let sizes: [String: [Int]] = ["RSA": [2048, 4096, 8192], "ECDSA": [256, 384, 521], "Ed25519": []]
        if let algorithm, sizes[algorithm] == nil {
            report(
                "manifest.invalid-value", "spec.privateKey.algorithm",
                "\(algorithm.debugDescription) is not RSA, ECDSA or Ed25519", at: privateKey["algorithm"]!,
                fix: "write RSA, ECDSA or Ed25519 (the case matters)")
        }
        for (field, allowed) in [("encoding", ["PKCS1", "PKCS8"]), ("rotationPolicy", ["Never", "Always"])] {
            if let text = optionalString(field, in: privateKey, path: path), !allowed.contains(text) {
                report(
                    "manifest.invalid-value", "spec.privateKey.\(field)",
                    "\(text.debugDescription) is not \(allowed.joined(separator: " or "))", at: privateKey[field]!,
                    fix: "write \(allowed.joined(separator: " or "))")
            }
        }
        guard let size = privateKey["size"], size.content != .null else { return }
        guard case .number(let number) = size.content, number == number.rounded(), abs(number) < 1e9 else {
            report(
                "manifest.wrong-type", "spec.privateKey.size", "must be an integer, not \(size.typeName)", at: size,
                fix: "write the key size in bits, unquoted, like 2048")
            return
        }
        let keyAlgorithm = algorithm ?? "RSA"
        if let allowed = sizes[keyAlgorithm], !allowed.isEmpty, !allowed.contains(Int(number)) {
            report(
                "manifest.invalid-value", "spec.privateKey.size",
                "\(Int(number)) is not a \(keyAlgorithm) key size (\(allowed.map(String.init).joined(separator: ", ")))",
                at: size, fix: "use \(allowed[0]), or another of \(allowed.map(String.init).joined(separator: ", "))")
        }
    }

    mutating func checkIssuer() {
        guard let spec = requireMapping("spec", in: root, path: []) else { return }
        checkKnownFields(spec, schemaPath: "Issuer.spec", path: "spec")
        for field in ["ca", "selfSigned"] {
            if let value = spec[field] {
                checkKnownFields(value, schemaPath: "Issuer.spec.\(field)", path: "spec.\(field)")
            }
        }
        let present = ManifestChecker.issuerTypes.filter { spec[$0] != nil }
        if present.count != 1 {
            report(
                "manifest.issuer-type", "spec",
                present.isEmpty
                    ? "must set exactly one issuer type (acme, ca, selfSigned, vault or venafi), and sets none"
                    : "must set exactly one issuer type (acme, ca, selfSigned, vault or venafi), and sets \(present.joined(separator: ", "))",
                at: spec, fix: "keep one issuer type; write `selfSigned: {}` for a self-signed issuer")
        }
        for type in present {
            guard let config = requireMapping(type, in: spec, path: ["spec"]) else { continue }
            if type == "ca", let secretName = requireString("secretName", in: config, path: ["spec", "ca"]),
                !ManifestChecker.isSubdomain(secretName)
            {
                report(
                    "manifest.invalid-name", "spec.ca.secretName",
                    "\(secretName.debugDescription) is not a valid Secret name (a DNS-1123 subdomain)",
                    at: config["secretName"]!, fix: "use the CA secret's name")
            }
        }
    }

    // MARK: Fields

    /// Reports the keys of a mapping that cert-manager does not know, in sorted order.
    mutating func checkKnownFields(_ value: HelmValue, schemaPath: String, path: String) {
        guard let known = ManifestChecker.knownFields[schemaPath], let entries = value.entries else { return }
        for key in entries.keys.sorted() where !known.contains(key) {
            let fieldPath = path.isEmpty ? key : "\(path).\(key)"
            report(
                "manifest.unknown-field", fieldPath, "is not a field cert-manager knows (a typo?)", at: entries[key]!,
                fix: "use one of: \(known.sorted().joined(separator: ", "))")
        }
    }

    private mutating func requireField(_ field: String, in parent: HelmValue, path: [String]) -> HelmValue? {
        guard let value = parent[field] else {
            let parentPath = path.isEmpty ? "the document" : path.joined(separator: ".")
            report(
                "manifest.missing-field", (path + [field]).joined(separator: "."),
                "is required (missing from \(parentPath))",
                at: parent, fix: "set \(field)")
            return nil
        }
        return value
    }

    private mutating func requireString(_ field: String, in parent: HelmValue, path: [String]) -> String? {
        guard let value = requireField(field, in: parent, path: path) else { return nil }
        return typed(value, path, field, "a string", \.stringValue)
    }

    private mutating func requireMapping(_ field: String, in parent: HelmValue, path: [String]) -> HelmValue? {
        guard let value = requireField(field, in: parent, path: path) else { return nil }
        return typed(value, path, field, "a mapping", { $0.entries == nil ? nil : $0 })
    }

    private mutating func optionalString(_ field: String, in parent: HelmValue, path: [String]) -> String? {
        guard let value = parent[field], value.content != .null else { return nil }
        return typed(value, path, field, "a string", \.stringValue)
    }

    private mutating func optionalMapping(_ field: String, in parent: HelmValue, path: [String]) -> HelmValue? {
        guard let value = parent[field], value.content != .null else { return nil }
        return typed(value, path, field, "a mapping", { $0.entries == nil ? nil : $0 })
    }

    private mutating func optionalSequence(_ field: String, in parent: HelmValue, path: [String]) -> [HelmValue]? {
        guard let value = parent[field], value.content != .null else { return nil }
        return typed(value, path, field, "a list", \.items)
    }

    /// The value read as `T`, or nil with a report at the field `path.field` (the path joined only then: every
    /// field read builds one otherwise).
    private mutating func typed<T>(
        _ value: HelmValue, _ path: [String], _ field: String, _ expected: String, _ read: (HelmValue) -> T?
    ) -> T? {
        if let result = read(value) { return result }
        let fieldPath = (path + [field]).joined(separator: ".")
        report(
            "manifest.wrong-type", fieldPath, "must be \(expected), not \(value.typeName)", at: value,
            fix: expected == "a string" ? "quote the value" : "write \(expected) here")
        return nil
    }

    private mutating func report(_ id: String, _ path: String, _ problem: String, at value: HelmValue, fix: String) {
        let subject = path.isEmpty ? "" : " \(path)"
        diagnostics.append(
            Diagnostic(
                id: id, severity: .error, message: "\(documentName):\(subject) \(problem)",
                location: ManifestChecker.location(fileName, value.span), fix: fix))
    }

    private func string(_ value: HelmValue?) -> String? { value?.stringValue }
}

extension HelmValue {
    /// The text of a string value, nil for any other value.
    fileprivate var stringValue: String? {
        if case .string(let text) = content { return text }
        return nil
    }

    /// What the value is, for messages: `a string`, `a number`, `null`.
    fileprivate var typeName: String {
        switch content {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}
