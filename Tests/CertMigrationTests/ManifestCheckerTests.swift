import CertMigration
import Foundation
import Testing
import YAMLKit

/// The manifests the tool generates, filled in as for a KEDA release `keda` in namespace `keda`.
private enum Manifests {
    static let servingCertificate = """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: keda-operator-tls-certificates
          namespace: keda
          labels:
            app.kubernetes.io/managed-by: keda-cert-migrate
        spec:
          commonName: keda-operator
          dnsNames:
            - keda-operator.keda.svc
            - keda-operator.keda.svc.cluster.local
            - keda-admission-webhooks.keda.svc
            - "*.keda.svc"
          secretName: kedaorg-certs
          usages:
            - server auth
            - client auth
          privateKey:
            algorithm: RSA
            size: 2048
          duration: 8760h0m0s
          renewBefore: 5840h0m0s
          issuerRef:
            name: keda-operator-issuer
            kind: Issuer
            group: cert-manager.io

        """

    static let caCertificate = """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: keda-operator-ca
          namespace: keda
        spec:
          isCA: true
          commonName: keda-operator-ca
          secretName: keda-operator-ca-certs
          privateKey:
            algorithm: ECDSA
            size: 384
          duration: 87600h0m0s
          renewBefore: 720h
          issuerRef:
            name: keda-operator-selfsigned-issuer

        """

    static let caIssuer = """
        apiVersion: cert-manager.io/v1
        kind: Issuer
        metadata:
          name: keda-operator-issuer
          namespace: keda
        spec:
          ca:
            secretName: keda-operator-ca-certs

        """

    static let selfSignedIssuer = """
        apiVersion: cert-manager.io/v1
        kind: Issuer
        metadata:
          name: keda-operator-selfsigned-issuer
          namespace: keda
        spec:
          selfSigned: {}

        """

    static let clusterIssuer = """
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata:
          name: platform-ca
        spec:
          ca:
            secretName: platform-ca-keypair

        """

    static let externalIssuerCertificate = """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: keda-tls
          namespace: keda
        spec:
          dnsNames: [keda-operator.keda.svc]
          secretName: kedaorg-certs
          privateKey: {algorithm: Ed25519}
          issuerRef: {name: private-ca, kind: AWSPCAClusterIssuer, group: awspca.cert-manager.io}

        """

    static let all = [
        servingCertificate, caCertificate, caIssuer, selfSignedIssuer, clusterIssuer, externalIssuerCertificate,
    ]
}

/// `../shared/reference/schemas/cert-manager/v1.21.1/json/kinds.json`, found from this file; nil when absent.
private let schemaDispatcher: URL? = {
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let url = packageRoot.deletingLastPathComponent().appendingPathComponent(
        "shared/reference/schemas/cert-manager/v1.21.1/json/kinds.json")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()

private func parse(_ text: String, fileName: String = "manifests/certificate.yaml") throws -> YAMLStream {
    try YAMLParser().parse(text, fileName: fileName)
}

private func check(_ text: String) throws -> [Diagnostic] {
    let stream = try parse(text)
    return ManifestChecker().check(stream.documents[0], fileName: stream.fileName, source: stream.source)
}

private func schemaFailures(_ text: String) throws -> [JSONSchemaValidator.Failure] {
    let values = try HelmValueReader().read(text).values
    var validator = JSONSchemaValidator()
    let failures = try validator.validate(JSONValue(values), against: schemaDispatcher!)
    #expect(validator.unsupportedKeywords.isEmpty, "schema keywords the validator does not implement")
    return failures
}

/// The field path a checker message names: `Certificate "x": spec.secretName is required` -> `spec.secretName`.
private func fieldPath(_ diagnostic: Diagnostic) -> String {
    guard let colon = diagnostic.message.range(of: ": ") else { return "" }
    return String(diagnostic.message[colon.upperBound...].prefix { $0 != " " })
}

/// One broken field: the edit to a good manifest, what the checker must say, and what the schema must say
/// (nil where no JSON Schema can see the problem: cert-manager's webhook rules and Kubernetes name rules).
struct BrokenManifest: CustomTestStringConvertible, Sendable {
    var label: String
    var base: String
    var replace: String
    var with: String
    var checkerID: String
    var checkerPath: String
    var schemaPath: String?

    var testDescription: String { label }

    var text: String {
        precondition(base.contains(replace), "\(label): the edit does not apply")
        return base.replacingOccurrences(of: replace, with: with)
    }
}

private let certificate = Manifests.servingCertificate
private let issuer = Manifests.caIssuer

private let brokenManifests: [BrokenManifest] = [
    BrokenManifest(
        label: "secretName missing", base: certificate, replace: "  secretName: kedaorg-certs\n", with: "",
        checkerID: "manifest.missing-field", checkerPath: "spec.secretName", schemaPath: "spec.secretName"),
    BrokenManifest(
        label: "secretName a number", base: certificate, replace: "secretName: kedaorg-certs", with: "secretName: 42",
        checkerID: "manifest.wrong-type", checkerPath: "spec.secretName", schemaPath: "spec.secretName"),
    BrokenManifest(
        label: "secretName not a DNS subdomain", base: certificate, replace: "secretName: kedaorg-certs",
        with: "secretName: KedaOrg_Certs", checkerID: "manifest.invalid-name", checkerPath: "spec.secretName",
        schemaPath: nil),
    BrokenManifest(
        label: "issuerRef.name missing", base: certificate, replace: "    name: keda-operator-issuer\n", with: "",
        checkerID: "manifest.missing-field", checkerPath: "spec.issuerRef.name", schemaPath: "spec.issuerRef.name"),
    BrokenManifest(
        label: "issuerRef missing", base: certificate,
        replace: "  issuerRef:\n    name: keda-operator-issuer\n    kind: Issuer\n    group: cert-manager.io\n",
        with: "",
        checkerID: "manifest.missing-field", checkerPath: "spec.issuerRef", schemaPath: "spec.issuerRef"),
    BrokenManifest(
        label: "issuerRef.kind unknown to cert-manager", base: certificate, replace: "kind: Issuer\n    group",
        with: "kind: Issuers\n    group", checkerID: "manifest.invalid-value", checkerPath: "spec.issuerRef.kind",
        schemaPath: nil),
    BrokenManifest(
        label: "issuerRef with a typo'd field", base: certificate, replace: "    group: cert-manager.io",
        with: "    grop: cert-manager.io", checkerID: "manifest.unknown-field", checkerPath: "spec.issuerRef.grop",
        schemaPath: "spec.issuerRef.grop"),
    BrokenManifest(
        label: "spec with a typo'd field", base: certificate, replace: "  usages:", with: "  usage:",
        checkerID: "manifest.unknown-field", checkerPath: "spec.usage", schemaPath: "spec.usage"),
    BrokenManifest(
        label: "duration not a Go duration", base: certificate, replace: "duration: 8760h0m0s",
        with: "duration: 1y", checkerID: "manifest.invalid-duration", checkerPath: "spec.duration", schemaPath: nil),
    BrokenManifest(
        label: "duration under an hour", base: certificate, replace: "duration: 8760h0m0s\n  renewBefore: 5840h0m0s",
        with: "duration: 59m\n  renewBefore: 10m", checkerID: "manifest.invalid-duration", checkerPath: "spec.duration",
        schemaPath: nil),
    BrokenManifest(
        label: "renewBefore not shorter than duration", base: certificate, replace: "renewBefore: 5840h0m0s",
        with: "renewBefore: 8760h", checkerID: "manifest.invalid-duration", checkerPath: "spec.renewBefore",
        schemaPath: nil),
    BrokenManifest(
        label: "renewBefore a number", base: certificate, replace: "renewBefore: 5840h0m0s", with: "renewBefore: 5840",
        checkerID: "manifest.wrong-type", checkerPath: "spec.renewBefore", schemaPath: "spec.renewBefore"),
    BrokenManifest(
        label: "usage not in cert-manager's list", base: certificate, replace: "- server auth", with: "- server-auth",
        checkerID: "manifest.invalid-value", checkerPath: "spec.usages[0]", schemaPath: "spec.usages[0]"),
    BrokenManifest(
        label: "dnsNames empty", base: certificate,
        replace: """
            dnsNames:
                - keda-operator.keda.svc
                - keda-operator.keda.svc.cluster.local
                - keda-admission-webhooks.keda.svc
                - "*.keda.svc"
            """, with: "dnsNames: []", checkerID: "manifest.invalid-value", checkerPath: "spec.dnsNames",
        schemaPath: nil),
    BrokenManifest(
        label: "a DNS name with an underscore", base: certificate, replace: "- keda-admission-webhooks.keda.svc",
        with: "- keda_admission.keda.svc", checkerID: "manifest.invalid-value", checkerPath: "spec.dnsNames[2]",
        schemaPath: nil),
    BrokenManifest(
        label: "a DNS name that is a number", base: certificate, replace: "- keda-admission-webhooks.keda.svc",
        with: "- 8080", checkerID: "manifest.wrong-type", checkerPath: "spec.dnsNames[2]",
        schemaPath: "spec.dnsNames[2]"),
    BrokenManifest(
        label: "privateKey.algorithm in the wrong case", base: certificate, replace: "algorithm: RSA",
        with: "algorithm: rsa", checkerID: "manifest.invalid-value", checkerPath: "spec.privateKey.algorithm",
        schemaPath: "spec.privateKey.algorithm"),
    BrokenManifest(
        label: "RSA key too small", base: certificate, replace: "size: 2048", with: "size: 1024",
        checkerID: "manifest.invalid-value", checkerPath: "spec.privateKey.size", schemaPath: nil),
    BrokenManifest(
        label: "ECDSA with an RSA size", base: Manifests.caCertificate, replace: "size: 384", with: "size: 2048",
        checkerID: "manifest.invalid-value", checkerPath: "spec.privateKey.size", schemaPath: nil),
    BrokenManifest(
        label: "privateKey.size quoted", base: certificate, replace: "size: 2048", with: "size: \"2048\"",
        checkerID: "manifest.wrong-type", checkerPath: "spec.privateKey.size", schemaPath: "spec.privateKey.size"),
    BrokenManifest(
        label: "isCA quoted", base: Manifests.caCertificate, replace: "isCA: true", with: "isCA: \"true\"",
        checkerID: "manifest.wrong-type", checkerPath: "spec.isCA", schemaPath: "spec.isCA"),
    BrokenManifest(
        label: "no subject at all", base: Manifests.caCertificate, replace: "  commonName: keda-operator-ca\n",
        with: "", checkerID: "manifest.missing-field", checkerPath: "spec", schemaPath: nil),
    BrokenManifest(
        label: "apiVersion missing", base: certificate, replace: "apiVersion: cert-manager.io/v1\n", with: "",
        checkerID: "manifest.missing-field", checkerPath: "apiVersion", schemaPath: "apiVersion"),
    BrokenManifest(
        label: "metadata.name with capitals", base: certificate, replace: "name: keda-operator-tls-certificates",
        with: "name: KEDA-TLS", checkerID: "manifest.invalid-name", checkerPath: "metadata.name", schemaPath: nil),
    BrokenManifest(
        label: "metadata.name longer than 253", base: certificate, replace: "name: keda-operator-tls-certificates",
        with: "name: " + Array(repeating: "a", count: 254).joined(), checkerID: "manifest.invalid-name",
        checkerPath: "metadata.name", schemaPath: nil),
    BrokenManifest(
        label: "namespace with a dot", base: certificate, replace: "namespace: keda", with: "namespace: keda.system",
        checkerID: "manifest.invalid-name", checkerPath: "metadata.namespace", schemaPath: nil),
    BrokenManifest(
        label: "a label value that is a boolean", base: certificate,
        replace: "app.kubernetes.io/managed-by: keda-cert-migrate", with: "app.kubernetes.io/managed-by: yes",
        checkerID: "manifest.wrong-type", checkerPath: "metadata.labels.app.kubernetes.io/managed-by", schemaPath: nil),
    BrokenManifest(
        label: "Issuer with two types", base: issuer, replace: "spec:\n", with: "spec:\n  selfSigned: {}\n",
        checkerID: "manifest.issuer-type", checkerPath: "spec", schemaPath: nil),
    BrokenManifest(
        label: "Issuer with no type", base: issuer, replace: "  ca:\n    secretName: keda-operator-ca-certs\n",
        with: "  {}\n", checkerID: "manifest.issuer-type", checkerPath: "spec", schemaPath: nil),
    BrokenManifest(
        label: "selfSigned left null", base: Manifests.selfSignedIssuer, replace: "selfSigned: {}", with: "selfSigned:",
        checkerID: "manifest.wrong-type", checkerPath: "spec.selfSigned", schemaPath: "spec.selfSigned"),
    BrokenManifest(
        label: "ca.secretName missing", base: issuer, replace: "    secretName: keda-operator-ca-certs\n",
        with: "    ocspServers: []\n", checkerID: "manifest.missing-field", checkerPath: "spec.ca.secretName",
        schemaPath: "spec.ca.secretName"),
    BrokenManifest(
        label: "ClusterIssuer ca.secretName a list", base: Manifests.clusterIssuer,
        replace: "secretName: platform-ca-keypair", with: "secretName: [platform-ca-keypair]",
        checkerID: "manifest.wrong-type", checkerPath: "spec.ca.secretName", schemaPath: "spec.ca.secretName"),
    BrokenManifest(
        label: "Issuer spec missing", base: issuer, replace: "spec:\n  ca:\n    secretName: keda-operator-ca-certs\n",
        with: "", checkerID: "manifest.missing-field", checkerPath: "spec", schemaPath: "spec"),
]

@Suite("ManifestChecker: generated manifests checked before they are written")
struct ManifestCheckerTests {
    @Test("the manifests the tool writes pass the checker", arguments: Manifests.all)
    func goodManifestsPassChecker(text: String) throws {
        #expect(try check(text) == [])
    }

    @Test(
        "the manifests the tool writes pass cert-manager v1.21.1's JSON Schema",
        .enabled(if: schemaDispatcher != nil, "../shared/reference/schemas is absent: schema checks skipped"),
        arguments: Manifests.all)
    func goodManifestsPassSchema(text: String) throws {
        #expect(try schemaFailures(text) == [])
    }

    @Test("each broken field fails the checker with its path, and only that", arguments: brokenManifests)
    func brokenFieldFailsChecker(broken: BrokenManifest) throws {
        let diagnostics = try check(broken.text)
        #expect(diagnostics.map(\.id) == [broken.checkerID], "\(diagnostics)")
        #expect(diagnostics.map(fieldPath) == [broken.checkerPath], "\(diagnostics)")
        #expect(diagnostics.allSatisfy { $0.severity == .error && $0.fix != nil && $0.location?.line != nil })
    }

    @Test(
        "each broken field the schema can see fails it at the same path; the others pass it (the checker's own rules)",
        .enabled(if: schemaDispatcher != nil, "../shared/reference/schemas is absent: schema checks skipped"),
        arguments: brokenManifests)
    func brokenFieldAndSchema(broken: BrokenManifest) throws {
        let failures = try schemaFailures(broken.text)
        // A path can fail twice: kinds.json and the kind's own schema both require apiVersion and kind.
        #expect(Set(failures.map(\.path)).sorted() == (broken.schemaPath.map { [$0] } ?? []), "\(failures)")
    }

    @Test(
        "the validator implements every keyword the cert-manager schema files use",
        .enabled(if: schemaDispatcher != nil, "../shared/reference/schemas is absent: schema checks skipped"))
    func schemaKeywordCoverage() throws {
        let folder = schemaDispatcher!.deletingLastPathComponent()
        var used: Set<String> = []
        for name in [
            "kinds.json", "cert-manager.io/certificate_v1.json", "cert-manager.io/issuer_v1.json",
            "cert-manager.io/clusterissuer_v1.json",
        ] {
            let schema = try JSONDecoder().decode(
                JSONValue.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
            used.formUnion(JSONSchemaValidator.keywords(in: schema))
        }
        #expect(used.filter { !JSONSchemaValidator.knows($0) }.isEmpty)
        #expect(
            used.isSuperset(of: [
                "type", "properties", "required", "additionalProperties", "items", "enum", "oneOf", "$ref",
            ]))
    }

    /// The reference validator agrees: `CHECK_JSONSCHEMA=/path/to/check-jsonschema swift test` (version 0.39.0, as CI
    /// pins it) runs it once over every case and compares what fails, and where.
    @Test(
        "check-jsonschema fails exactly the cases this validator fails, at the same place",
        .enabled(
            if: ProcessInfo.processInfo.environment["CHECK_JSONSCHEMA"] != nil && schemaDispatcher != nil,
            "set CHECK_JSONSCHEMA to a check-jsonschema binary to compare with it"))
    func agreesWithCheckJSONSchema() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kcm-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let texts = Manifests.all + brokenManifests.map(\.text)
        var expected: [String: [String]] = [:]
        for (index, text) in texts.enumerated() {
            let name = "case-\(index).yaml"
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
            expected[name] = Set(try schemaFailures(text).map { "$." + $0.path }).sorted()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["CHECK_JSONSCHEMA"]!)
        process.arguments = ["-o", "json", "--schemafile", schemaDispatcher!.path] + expected.keys.sorted()
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = try JSONSerialization.jsonObject(with: output) as? [String: Any]
        let errors = report?["errors"] as? [[String: Any]] ?? []
        var reported: [String: [String]] = [:]
        for error in errors {
            reported[error["filename"] as! String, default: []].append(error["path"] as! String)
        }
        for name in expected.keys.sorted() {
            let theirs = Set(reported[name] ?? []).sorted()
            let ours = expected[name]!
            #expect(theirs.isEmpty == ours.isEmpty, "\(name): check-jsonschema \(theirs), ours \(ours)")
            // check-jsonschema places a missing or unknown property at its parent object; we name the property.
            #expect(
                zip(theirs, ours).allSatisfy { $1 == $0 || $1.hasPrefix($0 + ".") }, "\(name): \(theirs) vs \(ours)")
        }
        print("check-jsonschema compared on \(texts.count) manifests, \(reported.count) failing")
    }

    @Test("a diagnostic names the file, line and column of the field, the document and how to fix it")
    func diagnosticText() throws {
        let text = certificate.replacingOccurrences(of: "renewBefore: 5840h0m0s", with: "renewBefore: 9000h")
        #expect(
            try check(text).map(\.description) == [
                """
                manifests/certificate.yaml:23:16: error: Certificate "keda-operator-tls-certificates": spec.renewBefore is 9000h0m0s, not shorter than the certificate's duration 8760h0m0s
                  fix: renew before the certificate expires: make renewBefore shorter than duration
                """
            ])
        let missing = try check(certificate.replacingOccurrences(of: "  secretName: kedaorg-certs\n", with: ""))
        #expect(
            missing.map(\.description) == [
                """
                manifests/certificate.yaml:9:3: error: Certificate "keda-operator-tls-certificates": spec.secretName is required (missing from spec)
                  fix: set secretName
                """
            ])
    }

    @Test("renewBefore is compared with the default 90 days when duration is unset")
    func defaultDuration() throws {
        let text = certificate.replacingOccurrences(of: "  duration: 8760h0m0s\n", with: "")
        #expect(
            try check(text).map(\.message) == [
                "Certificate \"keda-operator-tls-certificates\": spec.renewBefore is 5840h0m0s, not shorter than the certificate's duration 2160h0m0s (the default)"
            ])
    }

    @Test("values built in memory are checked too, without a line")
    func inMemory() {
        let manifest = HelmValue.mapping([
            "apiVersion": .string("cert-manager.io/v1"), "kind": .string("Issuer"),
            "metadata": .mapping(["name": .string("keda-issuer"), "namespace": .string("keda")]),
            "spec": .mapping(["selfSigned": .mapping([:]), "ca": .mapping(["secretName": .string("ca")])]),
        ])
        let diagnostics = ManifestChecker().check(manifest, fileName: "manifests/issuer.yaml")
        #expect(
            diagnostics.map(\.description) == [
                """
                manifests/issuer.yaml: error: Issuer "keda-issuer": spec must set exactly one issuer type (acme, ca, selfSigned, vault or venafi), and sets ca, selfSigned
                  fix: keep one issuer type; write `selfSigned: {}` for a self-signed issuer
                """
            ])
    }

    @Test("a key written twice is an error at the second one")
    func duplicateKey() throws {
        let text = Manifests.caIssuer.replacingOccurrences(
            of: "  namespace: keda\n", with: "  namespace: keda\n  name: again\n")
        #expect(
            try check(text).map(\.description) == [
                """
                manifests/certificate.yaml:6:3: error: the key "name" is written twice in one mapping (first at line 4); Kubernetes keeps the last one, and strict readers refuse it
                  fix: keep one of the two
                """
            ])
    }

    @Test("a document that is not a mapping, and other kinds")
    func otherDocuments() throws {
        #expect(try check("- a\n- b\n").map(\.id) == ["manifest.not-a-mapping"])
        let configMap = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: keda-cert-migrate
            data:
              anything: goes

            """
        #expect(try check(configMap) == [])
        #expect(try check(configMap.replacingOccurrences(of: "kind: ConfigMap\n", with: "")).map(fieldPath) == ["kind"])
    }

    @Test(
        "Go durations read as Go reads them",
        arguments: [
            ("8760h0m0s", 8760 * 3_600_000_000_000), ("1.5h", 5_400_000_000_000), ("90m", 5_400_000_000_000),
            ("0", 0), ("-1h", -3_600_000_000_000), ("300ms", 300_000_000), ("2h45m30.5s", 9_930_500_000_000),
            ("1µs", 1000), ("1μs", 1000), ("1us", 1000), ("7ns", 7), (".5h", 1_800_000_000_000),
        ] as [(String, Int64)])
    func goDurations(text: String, nanoseconds: Int64) {
        #expect(GoDuration(text)?.nanoseconds == nanoseconds)
    }

    @Test(
        "text that is not a Go duration",
        arguments: ["", "1y", "1d", "h", "1", "1 h", "1h 30m", ".h", "1H", "+", "0s1"])
    func notGoDurations(text: String) {
        #expect(GoDuration(text) == nil)
    }

    @Test("durations print as Go prints them")
    func goDurationText() {
        #expect(GoDuration("8760h")!.description == "8760h0m0s")
        #expect(GoDuration("5m")!.description == "5m0s")
        #expect(GoDuration("45s")!.description == "45s")
    }

    @Test(
        "DNS-1123 subdomains",
        arguments: [
            ("keda-operator", true), ("a.b-c.d", true), ("0abc", true), (String(repeating: "a", count: 253), true),
            (String(repeating: "a", count: 254), false), ("", false), ("-a", false), ("a-", false), ("a..b", false),
            ("A", false), ("a_b", false), (".a", false), ("ä", false),
        ])
    func subdomains(text: String, valid: Bool) {
        #expect(ManifestChecker.isSubdomain(text) == valid)
    }

    @Test(
        "DNS names a certificate may hold",
        arguments: [
            ("keda-operator.keda.svc", true), ("*.keda.svc", true), ("Keda.Example.COM", true),
            (String(repeating: "a", count: 64) + ".svc", false), ("a.*.svc", false), ("*", false), ("a b", false),
        ])
    func dnsNames(text: String, valid: Bool) {
        #expect(ManifestChecker.isDNSName(text) == valid)
    }
}
