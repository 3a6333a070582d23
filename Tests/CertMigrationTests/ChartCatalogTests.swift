import Foundation
import Testing
import YAMLKit

@testable import CertMigration

/// The chart values files in `../shared/reference/keda-chart/<version>/values.yaml`, beside the package root.
enum ReferenceCharts {
    /// The versions whose values files the reference folder holds.
    static let versions = ["2.10.0", "2.10.2", "2.12.1", "2.13.2", "2.15.2", "2.16.1", "2.17.2", "2.18.3", "2.20.2"]

    /// `<package root>/../shared/reference/keda-chart`, from this file's path
    /// (`<root>/Tests/CertMigrationTests/ChartCatalogTests.swift`).
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/reference/keda-chart", isDirectory: true)

    /// True when every reference values file is there.
    static var isAvailable: Bool {
        versions.allSatisfy { FileManager.default.fileExists(atPath: valuesFile($0).path) }
    }

    static func valuesFile(_ version: String) -> URL {
        directory.appendingPathComponent(version).appendingPathComponent("values.yaml")
    }

    /// The file's text and its parsed root mapping.
    static func load(_ version: String) throws -> (text: String, root: YAMLNode) {
        let text = try String(contentsOf: valuesFile(version), encoding: .utf8)
        let stream = try YAMLParser().parse(text, fileName: "keda-chart/\(version)/values.yaml")
        let root = try #require(stream.documents.first?.root)
        return (text, root)
    }
}

/// Every leaf under a node as dotted paths: scalars, empty mappings and sequences end a path.
private func leaves(of node: YAMLNode, prefix: String) -> [String: YAMLNode] {
    guard let pairs = node.pairs, !pairs.isEmpty else { return [prefix: node] }
    var result: [String: YAMLNode] = [:]
    for pair in pairs {
        guard let key = pair.key.scalarText else { continue }
        result.merge(leaves(of: pair.value, prefix: "\(prefix).\(key)")) { _, last in last }
    }
    return result
}

private func node(at path: String, in root: YAMLNode) -> YAMLNode? {
    var current: YAMLNode? = root
    for component in path.split(separator: ".") { current = current?[String(component)] }
    return current
}

/// Whether a parsed node is the catalog's default, with the typing Helm gives it (plain `true` is a bool, a
/// quoted or unquoted word a string).
private func node(_ node: YAMLNode, matches expected: ChartDefault) -> Bool {
    switch expected {
    case .bool, .integer:
        return node.style == .plain && node.tag == nil && node.scalarText == expected.scalarText
    case .string(let text):
        return node.scalarText == text
    case .null:
        return node.style == .plain && ["", "~", "null"].contains(node.scalarText)
    case .emptyMapping:
        return node.pairs?.isEmpty == true
    case .stringList(let items):
        return node.items?.map(\.scalarText) == items
    }
}

private func v(_ text: String) -> SemanticVersion {
    do { return try SemanticVersion.parse(text) } catch { preconditionFailure("\(error)") }
}

private let catalog = ChartCatalog.builtIn

@Suite(
    "ChartCatalog against the chart's own values files",
    .enabled(
        if: ReferenceCharts.isAvailable,
        "skipped: ../shared/reference/keda-chart/<version>/values.yaml is absent beside the package root"))
struct ChartCatalogValuesFileTests {
    @Test("the reference folder holds exactly the versions these tests read")
    func referenceFolderVersions() throws {
        let entries = try FileManager.default.contentsOfDirectory(atPath: ReferenceCharts.directory.path)
        let versionFolders = entries.filter { (try? SemanticVersion.parse($0)) != nil }.sorted()
        #expect(versionFolders == ReferenceCharts.versions.sorted())
    }

    @Test("certificates.* keys and defaults equal the parsed values file", arguments: ReferenceCharts.versions)
    func certificatesSection(version: String) throws {
        let (_, root) = try ReferenceCharts.load(version)
        let release = try #require(catalog.release(chart: v(version)))
        let certificates = try #require(root["certificates"])
        let parsed = leaves(of: certificates, prefix: "certificates")
        let written = release.certificatesKeys.filter { $0.presence == .inValuesFile }

        #expect(Set(written.map(\.path)) == Set(parsed.keys), "certificates keys of chart \(version)")
        for key in written {
            let value = try #require(parsed[key.path], "\(key.path) missing from chart \(version)")
            #expect(node(value, matches: key.defaultValue), "\(key.path) in \(version): parsed \(value)")
        }
    }

    @Test(
        "commented-out keys are documented as comments and absent from the parsed tree",
        arguments: ReferenceCharts.versions)
    func commentedOutKeys(version: String) throws {
        let (text, root) = try ReferenceCharts.load(version)
        let release = try #require(catalog.release(chart: v(version)))
        for key in release.valuesKeys where key.presence == .commentedOut {
            #expect(node(at: key.path, in: root) == nil, "\(key.path) should not parse in \(version)")
            // The first component below the deepest parsed ancestor is written as `# name:` in the file.
            var components = key.pathComponents
            var missing = components.removeLast()
            while !components.isEmpty, node(at: components.joined(separator: "."), in: root)?.pairs == nil,
                node(at: components.joined(separator: "."), in: root)?.scalarText == nil
            {
                missing = components.removeLast()
            }
            #expect(text.contains("# \(missing):"), "`# \(missing):` documents \(key.path) in \(version)")
            #expect(key.defaultValue == .null)
            #expect(key.commentedExample != nil)
        }
    }

    @Test(
        "every recorded default is what Helm reads from the file (HelmValueReader typing)",
        arguments: ReferenceCharts.versions)
    func helmTyping(version: String) throws {
        let text = try String(contentsOf: ReferenceCharts.valuesFile(version), encoding: .utf8)
        let values = try HelmValueReader().read(text, fileName: "keda-chart/\(version)/values.yaml").values
        let release = try #require(catalog.release(chart: v(version)))
        for key in release.valuesKeys where key.presence == .inValuesFile {
            let value = try #require(values.value(at: key.pathComponents), "\(key.path) missing from \(version)")
            #expect(value == key.defaultValue.helmValue, "\(key.path) in \(version): Helm reads \(value)")
        }
    }

    @Test("other values the certificate templates read have the file's defaults", arguments: ReferenceCharts.versions)
    func otherKeys(version: String) throws {
        let (_, root) = try ReferenceCharts.load(version)
        let release = try #require(catalog.release(chart: v(version)))
        for key in release.valuesKeys where !key.isCertificatesKey {
            let value = try #require(node(at: key.path, in: root), "\(key.path) missing from chart \(version)")
            #expect(node(value, matches: key.defaultValue), "\(key.path) in \(version): parsed \(value)")
        }
        // A key the catalog says arrives later must not be in the older file.
        for key in ChartCatalogData.valuesKeyHistory
        where key.introducedIn > v(version) && key.presence == .inValuesFile {
            #expect(node(at: key.path, in: root) == nil, "\(key.path) arrives after \(version)")
        }
    }
}

@Suite("ChartCatalog: releases and lookups")
struct ChartCatalogReleaseTests {
    @Test("thirty tagged charts from 2.10.0 to 2.20.2, sorted and unique")
    func releaseList() {
        let versions = catalog.releases.map(\.chartVersion)
        #expect(versions.count == 30)
        #expect(versions == versions.sorted())
        #expect(Set(versions).count == versions.count)
        #expect(catalog.oldestRelease.chartVersion == v("2.10.0"))
        #expect(catalog.newestRelease.chartVersion == v("2.20.2"))
    }

    @Test("a release's key lookups by path agree with a search of its keys, after the keys change too")
    func keyLookupsByPath() {
        for var release in catalog.releases {
            for round in 0..<3 {
                let paths = release.valuesKeys.map(\.path)
                var probes = paths + ["certificates", "certificates.certManager", "extraArgs", "operator", "nothing"]
                probes += paths.map { $0 + ".x" } + paths.map { String($0.dropLast()) }
                for path in probes {
                    #expect(release.valuesKey(path) == release.valuesKeys.first { $0.path == path })
                    #expect(release.isParentOfValuesKey(path) == paths.contains { $0.hasPrefix(path + ".") }, "\(path)")
                }
                if round == 0 { release.valuesKeys.removeFirst(release.valuesKeys.count / 2) }
                if round == 1 {
                    // A second key of each path (another default): the lookup finds the first.
                    release.valuesKeys += release.valuesKeys.map { key in
                        var other = key
                        other.defaultValue = .string("second")
                        return other
                    }
                }
            }
        }
    }

    @Test(
        "chart version to app version (keda/Chart.yaml)",
        arguments: [
            ("2.10.0", "2.10.0"), ("2.10.1", "2.10.0"), ("2.10.2", "2.10.1"), ("2.12.1", "2.12.1"),
            ("2.13.1", "2.13.0"), ("2.13.2", "2.13.1"), ("2.14.2", "2.14.0"), ("2.14.3", "2.14.1"),
            ("2.15.1", "2.15.1"), ("2.15.2", "2.15.1"), ("2.16.1", "2.16.1"), ("2.17.2", "2.17.2"),
            ("2.18.3", "2.18.3"), ("2.19.0", "2.19.0"), ("2.20.2", "2.20.2"),
        ])
    func appVersion(chart: String, app: String) {
        #expect(catalog.appVersion(chart: v(chart)) == v(app))
    }

    @Test("charts shipping one KEDA release")
    func chartsShippingApp() {
        #expect(catalog.releases(shipping: v("2.14.0")).map(\.chartVersion) == [v("2.14.0"), v("2.14.1"), v("2.14.2")])
        #expect(catalog.releases(shipping: v("2.15.0")).isEmpty)
    }

    @Test("lookup says known, newer than the catalog, older than the certificates section, or untagged")
    func lookup() throws {
        #expect(catalog.lookup(chart: v("v2.16.1")) == .known(try #require(catalog.release(chart: v("2.16.1")))))
        #expect(catalog.lookup(chart: v("2.21.0")) == .newerThanCatalog(newestKnown: catalog.newestRelease))
        #expect(catalog.lookup(chart: v("2.9.4")) == .olderThanCertificatesSection(oldestKnown: catalog.oldestRelease))
        #expect(
            catalog.lookup(chart: v("2.15.0"))
                == .untagged(nearestOlder: try #require(catalog.release(chart: v("2.14.3")))))
        #expect(catalog.release(chart: v("2.15.0")) == nil)
    }

    @Test(
        "paths the catalog records for a chart version",
        arguments: [
            ("2.16.1", "certificates.certManager", true), ("2.16.1", "certificates.certManager.issuer.kind", true),
            ("2.13.1", "certificates.certManager.issuer.kind", false),
            ("2.16.1", "certificates.certManager.secretTemplate.labels", true),
            ("2.10.0", "certificates.certManager.secretTemplate.labels", false),
            ("2.16.1", "extraArgs.keda.enable-cert-rotation", true),
            ("2.20.2", "certificates.operator.apiServicePatching.enabled", true),
            ("2.19.0", "certificates.operator.apiServicePatching.enabled", false),
            ("2.16.1", "certificates.autoGeneratedd", false), ("2.16.1", "resources.operator", false),
        ])
    func knowsValuesPath(chart: String, path: String, known: Bool) throws {
        #expect(try #require(catalog.release(chart: v(chart))).knowsValuesPath(path) == known)
    }

    @Test("the chart's kubeVersion constraint")
    func kubeVersionConstraint() {
        #expect(catalog.release(chart: v("2.10.0"))?.kubeVersionConstraint == ">=v1.23.0-0")
        #expect(catalog.release(chart: v("2.10.2"))?.kubeVersionConstraint == ">=v1.24.0-0")
        #expect(catalog.release(chart: v("2.16.1"))?.kubeVersionConstraint == ">=v1.23.0-0")
    }
}

@Suite("ChartCatalog: Kubernetes support")
struct ChartCatalogSupportTests {
    @Test(
        "is Kubernetes X supported by KEDA Y (N-2 table)",
        arguments: [
            ("2.16.1", "v1.28.9-eks-036c24b", false), ("2.16.1", "1.29", true), ("2.16.0", "1.31.4", true),
            ("2.16.1", "1.32", false), ("2.12.1", "1.28", true), ("2.13.0", "1.29", true), ("2.15.2", "1.28", true),
            ("2.15.2", "1.31", false), ("2.17.2", "1.29", false), ("2.20.2", "1.35", true), ("2.10.0", "1.23", false),
        ])
    func kedaSupport(keda: String, kubernetes: String, supported: Bool) {
        #expect(catalog.isKubernetes(v(kubernetes), supportedByKeda: v(keda)) == supported)
    }

    @Test("a KEDA series the catalog lacks answers nil, not false")
    func unknownKedaSeries() {
        #expect(catalog.isKubernetes(v("1.30"), supportedByKeda: v("2.21.0")) == nil)
        #expect(catalog.isKubernetes(v("1.30"), supportedByKeda: v("2.9.3")) == nil)
    }

    @Test("KEDA 2.10's operator accepts 1.23 although the docs start at 1.24")
    func operatorRangeDiffers() throws {
        let support = try #require(catalog.kubernetesSupport(keda: v("2.10.0")))
        #expect(support.tested.description == "1.24–1.26")
        #expect(support.operatorWarnsOutside.description == "1.23–1.26")
        #expect(catalog.kubernetesSupport(keda: v("2.16.1"))?.operatorWarnsOutside.description == "1.29–1.31")
    }

    @Test(
        "lowest and highest KEDA minor for a Kubernetes minor",
        arguments: [
            ("1.24", "2.10" as String?, "2.10" as String?), ("1.28", "2.12", "2.15"), ("1.29", "2.13", "2.16"),
            ("1.31", "2.16", "2.18"), ("1.35", "2.20", "2.20"), ("1.23", nil, nil), ("1.36", nil, nil),
        ])
    func lowestAndHighestKeda(kubernetes: String, lowest: String?, highest: String?) {
        #expect(catalog.lowestKedaMinor(supporting: v(kubernetes)) == lowest.map(v))
        #expect(catalog.highestKedaMinor(supporting: v(kubernetes)) == highest.map(v))
    }

    @Test(
        "newest chart whose KEDA supports a Kubernetes minor (upgrade target)",
        arguments: [
            ("1.26", "2.12.1" as String?), ("1.28", "2.15.2"), ("1.29", "2.16.1"), ("1.30", "2.17.2"),
            ("1.31", "2.18.3"), ("1.33", "2.20.2"), ("1.22", nil),
        ])
    func newestChart(kubernetes: String, chart: String?) {
        #expect(catalog.newestChartRelease(supporting: v(kubernetes))?.chartVersion == chart.map(v))
    }

    @Test(
        "is Kubernetes X supported by cert-manager Y",
        arguments: [
            ("v1.15.3", "1.28", true as Bool?), ("1.15.3", "1.32", true), ("1.17.2", "1.28", false),
            ("1.12.17", "1.32", true), ("1.21.1", "1.32", false), ("1.21.1", "1.36", true), ("1.13.0", "1.28", false),
            ("1.9.1", "1.24", nil),
        ])
    func certManagerSupport(certManager: String, kubernetes: String, supported: Bool?) {
        #expect(catalog.isKubernetes(v(kubernetes), supportedByCertManager: v(certManager)) == supported)
    }

    @Test("cert-manager 1.12 is the long-term-support series")
    func certManagerLTS() {
        #expect(catalog.certManagerKubernetesSupport.filter(\.isLongTermSupport).map(\.certManagerMinor) == [v("1.12")])
        #expect(catalog.certManagerSupport(v("1.21.1"))?.isSupportedUpstream == true)
    }
}

@Suite("ChartCatalog: capabilities at their boundaries")
struct ChartCatalogCapabilityTests {
    private func capabilities(_ chart: String) throws -> ChartCapabilities {
        try #require(catalog.release(chart: v(chart))).capabilities
    }

    @Test("custom issuer, lifetime keys and the CA-injection rule change at 2.13.2, not 2.13.0")
    func issuerBoundary() throws {
        for chart in ["2.13.0", "2.13.1"] {
            let before = try capabilities(chart)
            #expect(!before.canUseCustomIssuer)
            #expect(!before.hasCertificateLifetimeKeys)
            #expect(before.caInjectionRule == .caCertificateOrCASecret)
        }
        let after = try capabilities("2.13.2")
        #expect(after.canUseCustomIssuer)
        #expect(after.hasCertificateLifetimeKeys)
        #expect(after.caInjectionRule == .leafCertificateUnlessOwnCASecret)
        #expect(catalog.release(chart: v("2.13.1"))?.hasValuesKey("certificates.certManager.issuer.kind") == false)
        #expect(catalog.release(chart: v("2.13.2"))?.hasValuesKey("certificates.certManager.issuer.kind") == true)
    }

    @Test("apiServicePatching arrives in 2.20.0, commented out, with the metricsServer.enabled gate")
    func apiServicePatchingBoundary() throws {
        let old = try #require(catalog.release(chart: v("2.19.0")))
        let new = try #require(catalog.release(chart: v("2.20.0")))
        #expect(!old.capabilities.hasAPIServicePatchingKey)
        #expect(new.capabilities.hasAPIServicePatchingKey)
        #expect(!old.capabilities.apiServiceRequiresMetricsServerEnabled)
        #expect(new.capabilities.apiServiceRequiresMetricsServerEnabled)
        #expect(old.valuesKey("certificates.operator.apiServicePatching.enabled") == nil)
        let key = try #require(new.valuesKey("certificates.operator.apiServicePatching.enabled"))
        #expect(key.presence == .commentedOut)
        #expect(key.commentedExample == .bool(false))
        #expect(old.operatorArgument("--enable-apiservice-patching") == nil)
        #expect(new.operatorArgument("--enable-apiservice-patching")?.condition != nil)
    }

    @Test(
        "insecureSkipTLSVerify: false is rendered by charts 2.12.x only",
        arguments: [("2.11.2", false), ("2.12.0", true), ("2.12.1", true), ("2.13.0", false), ("2.16.1", false)])
    func insecureSkipTLSVerify(chart: String, rendered: Bool) throws {
        #expect(try capabilities(chart).apiServiceHasInsecureSkipTLSVerifyFalse == rendered)
    }

    @Test("--enable-webhook-patching from 2.17.0, hot reload from KEDA 2.17.2")
    func kedaSideBoundaries() throws {
        #expect(try !capabilities("2.16.1").passesWebhookPatchingFlag)
        #expect(try capabilities("2.17.0").passesWebhookPatchingFlag)
        #expect(catalog.release(chart: v("2.17.0"))?.operatorArgument("--enable-webhook-patching") != nil)
        #expect(try !capabilities("2.17.1").reloadsCertificatesWithoutRestart)
        #expect(try capabilities("2.17.2").reloadsCertificatesWithoutRestart)
    }

    @Test("secretTemplate, clusterDomain and caDirs arrive at 2.10.2, 2.12.0 (flag) and 2.15.1")
    func smallerBoundaries() throws {
        #expect(try !capabilities("2.10.1").hasSecretTemplate)
        #expect(try capabilities("2.10.2").hasSecretTemplate)
        #expect(try !capabilities("2.11.2").passesClusterDomainFlag)
        #expect(try capabilities("2.12.0").passesClusterDomainFlag)
        #expect(try !capabilities("2.14.3").hasOperatorCADirs)
        #expect(try capabilities("2.15.1").hasOperatorCADirs)
    }

    @Test(
        "CA-injection annotation by rule and values",
        arguments: [
            (
                CAInjectionRule.caCertificateOrCASecret, true, true,
                "cert-manager.io/inject-ca-from: keda/keda-operator-ca"
            ),
            (.caCertificateOrCASecret, false, true, "cert-manager.io/inject-ca-from-secret: keda/kedaorg-ca"),
            (
                .leafCertificateUnlessOwnCASecret, true, true,
                "cert-manager.io/inject-ca-from: keda/keda-operator-tls-certificates"
            ),
            (.leafCertificateUnlessOwnCASecret, false, true, "cert-manager.io/inject-ca-from-secret: keda/kedaorg-ca"),
            (
                .leafCertificateUnlessOwnCASecret, false, false,
                "cert-manager.io/inject-ca-from: keda/keda-operator-tls-certificates"
            ),
        ])
    func caInjection(rule: CAInjectionRule, generateCA: Bool, issuerGenerate: Bool, expected: String) {
        let annotation = rule.annotation(
            namespace: "keda", operatorName: "keda-operator", generateCA: generateCA, issuerGenerate: issuerGenerate,
            caSecretName: "kedaorg-ca")
        #expect(annotation.description == expected)
    }

    @Test("cert-manager object names and lifetimes")
    func certManagerObjects() throws {
        let names = try #require(catalog.release(chart: v("2.16.1"))).certManager.objectNames(
            operatorName: "keda-operator")
        #expect(names.selfSignedIssuer == "keda-operator-selfsigned-issuer")
        #expect(names.caCertificate == "keda-operator-ca")
        #expect(names.caIssuer == "keda-operator-issuer")
        #expect(names.leafCertificate == "keda-operator-tls-certificates")

        let expectations: [(String, String, String, String, Bool)] = [
            ("2.10.0", "duration 8760h, renewBefore 5840h", "duration 8760h, renewBefore 5840h", "templates/4", false),
            (
                "2.12.1", "duration 8760h0m0s, renewBefore 5840h0m0s", "duration 8760h0m0s, renewBefore 5840h0m0s",
                "cert-manager/", false
            ),
            (
                "2.13.0", "duration 8760h0m0s, renewBefore 720h0m0s", "duration 8760h0m0s, renewBefore 5840h0m0s",
                "cert-manager/", false
            ),
            (
                "2.16.1", "duration 8760h0m0s, renewBefore 720h0m0s", "duration 8760h0m0s, renewBefore 5840h0m0s",
                "cert-manager/", true
            ),
            (
                "2.17.0", "duration 43800h0m0s, renewBefore 14600h0m0s", "duration 8760h0m0s, renewBefore 5840h0m0s",
                "cert-manager/", true
            ),
        ]
        for (chart, ca, leaf, fileMarker, fromValues) in expectations {
            let templates = try #require(catalog.release(chart: v(chart))).certManager
            #expect(templates.caLifetime.description == ca, "CA lifetime of \(chart)")
            #expect(templates.leafLifetime.description == leaf, "leaf lifetime of \(chart)")
            #expect(templates.leafLifetimeFromValues == fromValues, "leaf lifetime source of \(chart)")
            #expect(templates.templateFiles.allSatisfy { $0.contains(fileMarker) }, "template files of \(chart)")
        }
        #expect(catalog.release(chart: v("2.10.1"))?.certManager.leafDNSNameCount == 12)
        #expect(catalog.release(chart: v("2.10.2"))?.certManager.leafDNSNameCount == 9)
    }

    @Test(
        "keda-admission webhooks per chart version",
        arguments: [
            ("2.10.0", 1, AdmissionWebhookList.Certainty.confirmed, 1...1), ("2.12.0", 1, .inferred, 1...1),
            ("2.12.1", 3, .inferred, 1...3), ("2.14.3", 3, .inferred, 3...3), ("2.16.0", 3, .confirmed, 3...3),
            ("2.17.2", 3, .inferred, 3...6), ("2.18.0", 6, .inferred, 6...6), ("2.20.2", 6, .inferred, 6...6),
        ])
    func admissionWebhooks(
        chart: String, count: Int, certainty: AdmissionWebhookList.Certainty, possible: ClosedRange<Int>
    ) throws {
        let webhooks = try #require(catalog.release(chart: v(chart))).admissionWebhooks
        #expect(webhooks.names.count == count)
        #expect(webhooks.possibleCounts == possible)
        #expect(webhooks.isCountCertain == (possible.count == 1))
        #expect(webhooks.names.first == "vscaledobject.kb.io")
        #expect(webhooks.certainty == certainty)
        #expect(webhooks.caBundlePointers.last == "/webhooks/\(count - 1)/clientConfig/caBundle")
    }

    @Test("operator args carrying certificate settings, with the rotation expression")
    func operatorArguments() throws {
        let release = try #require(catalog.release(chart: v("2.16.1")))
        #expect(
            release.operatorCertificateArguments.map(\.flag) == [
                "--cert-dir", "--enable-cert-rotation", "--cert-secret-name", "--operator-service-name",
                "--metrics-server-service-name", "--webhooks-service-name", "--k8s-cluster-domain", "--ca-dir",
            ])
        #expect(
            release.operatorArgument("--enable-cert-rotation")?.valueExpression
                == "{{ and .Values.certificates.autoGenerated ( not .Values.certificates.certManager.enabled ) }}")
        #expect(catalog.release(chart: v("2.11.2"))?.operatorArgument("--k8s-cluster-domain") == nil)
    }
}

@Suite("CertRotationFlag: the chart expression and extraArgs.keda")
struct CertRotationFlagTests {
    @Test(
        "the operator honours the last --enable-cert-rotation",
        arguments: [
            (true, false, nil as String?, CertRotationFlag.Outcome.enabled(.chartExpression)),
            (true, true, nil, .disabled(.chartExpression)),
            (false, false, nil, .disabled(.chartExpression)),
            (false, true, nil, .disabled(.chartExpression)),
            (true, false, "false", .disabled(.extraArgsOverride)),
            (true, false, "0", .disabled(.extraArgsOverride)),
            (false, false, "true", .enabled(.extraArgsOverride)),
            (true, true, "True", .enabled(.extraArgsOverride)),
            (true, false, "no", .operatorRefusesValue("no")),
            (true, false, "", .operatorRefusesValue("")),
        ])
    func effective(autoGenerated: Bool, certManagerEnabled: Bool, extraArgs: String?, outcome: CertRotationFlag.Outcome)
    {
        #expect(
            CertRotationFlag.effective(
                autoGenerated: autoGenerated, certManagerEnabled: certManagerEnabled, extraArgsValue: extraArgs)
                == outcome)
    }

    @Test("a release answers with the same rule")
    func releaseCertRotation() throws {
        let release = try #require(catalog.release(chart: v("2.16.1")))
        #expect(release.certRotation(autoGenerated: true, certManagerEnabled: false) == .enabled(.chartExpression))
        #expect(
            release.certRotation(autoGenerated: true, certManagerEnabled: false, extraArgsValue: "false")
                == .disabled(.extraArgsOverride))
    }

    @Test("the answer cites the chart template, the operator's flag parsing and pflag")
    func sources() {
        let references = CertRotationFlag.sources.map(\.reference)
        #expect(references.contains { $0.hasPrefix("kedacore/charts") && $0.hasSuffix("deployment.yaml") })
        #expect(references.contains { $0.hasPrefix("kedacore/keda") && $0.hasSuffix("cmd/operator/main.go") })
        #expect(references.contains("spf13/pflag flag.go"))
        #expect(references.contains("spf13/pflag bool.go"))
    }
}

@Suite("ChartCatalog: known issues, partial remedies and sources")
struct ChartCatalogEvidenceTests {
    @Test(
        "the issues the decision cites are in the catalog",
        arguments: [
            ("kedacore/keda#6551", KnownIssue.Role.seedReport), ("kedacore/keda#5542", .sameSymptom),
            ("kedacore/keda#4813", .webhookVariant), ("kedacore/keda#6466", .unsafeWorkaround),
            ("kedacore/keda#6967", .caveat), ("kedacore/keda#6756", .partialRemedy),
            ("kedacore/keda#7559", .partialRemedy), ("open-policy-agent/cert-controller#209", .rootCause),
            ("cert-manager/cert-manager#6721", .evidenceStrength), ("kedacore/charts#681", .gitOpsDrift),
        ])
    func knownIssue(id: String, role: KnownIssue.Role) throws {
        let issue = try #require(catalog.knownIssue(id))
        #expect(issue.role == role)
        #expect(issue.sources.first?.reference == id)
    }

    @Test("no release fixes the root cause")
    func rootCause() {
        #expect(catalog.rootCause.fixedInKedaVersion == nil)
        #expect(catalog.rootCause.issueID == "open-policy-agent/cert-controller#209")
        #expect(catalog.knownIssue(catalog.rootCause.issueID)?.state == .open)
    }

    @Test("partial remedies a running KEDA lacks")
    func remediesMissing() throws {
        #expect(
            catalog.partialRemedies(missingFrom: v("2.16.1")).map(\.id) == [
                "webhook-patching-flag", "certificate-hot-reload", "apiservice-patching-flag",
            ])
        #expect(catalog.partialRemedies(missingFrom: v("2.17.2")).map(\.id) == ["apiservice-patching-flag"])
        #expect(catalog.partialRemedies(missingFrom: v("2.20.0")).isEmpty)
        let apiService = try #require(catalog.partialRemedy("apiservice-patching-flag"))
        #expect(apiService.needsCAInjection)
        let key = try #require(apiService.valuesKey)
        #expect(catalog.release(chart: apiService.chartVersion)?.hasValuesKey(key) == true)
        #expect(catalog.release(chart: v("2.19.0"))?.hasValuesKey(key) == false)
        #expect(catalog.partialRemedy("certificate-hot-reload")?.kedaVersion == v("2.17.2"))
    }

    @Test("every fact carries at least one source, and every key cites its own chart's values file")
    func sources() {
        for release in catalog.releases {
            #expect(!release.sources.isEmpty)
            #expect(!release.certManager.sources.isEmpty)
            #expect(!release.admissionWebhooks.sources.isEmpty)
            for key in release.valuesKeys {
                #expect(
                    key.sources.first == .chartValues(release.chartVersion), "\(key.path) in \(release.chartVersion)")
            }
            for argument in release.operatorCertificateArguments { #expect(!argument.sources.isEmpty) }
            #expect(release.allSources.contains(.chartValues(release.chartVersion)))
        }
        for issue in catalog.knownIssues { #expect(!issue.sources.isEmpty, "\(issue.id)") }
        for remedy in catalog.partialRemedies { #expect(!remedy.sources.isEmpty, "\(remedy.id)") }
        for support in catalog.kedaKubernetesSupport { #expect(!support.sources.isEmpty) }
        for support in catalog.certManagerKubernetesSupport { #expect(!support.sources.isEmpty) }
        #expect(!catalog.rootCause.sources.isEmpty)
    }

    @Test("source references name the repository, tag and path")
    func sourceReferences() {
        let values = CatalogSource.chartValues(v("2.16.1"))
        #expect(values.reference == "kedacore/charts v2.16.1 keda/values.yaml")
        #expect(values.url == "https://github.com/kedacore/charts/blob/v2.16.1/keda/values.yaml")
        let issue = CatalogSource.issue("kedacore/keda", 6551, title: "seed")
        #expect(issue.reference == "kedacore/keda#6551")
        #expect(issue.url == "https://github.com/kedacore/keda/issues/6551")
    }
}

@Suite("Catalog sources: one reference, one source")
struct CatalogSourceConsistencyTests {
    @Test("an issue or pull request cited in two places has one title and address (plans list it once)")
    func oneTitlePerReference() {
        let catalog = ChartCatalog.builtIn
        let all =
            catalog.knownIssues.flatMap(\.sources) + catalog.partialRemedies.flatMap(\.sources)
            + catalog.rootCause.sources + catalog.releases.flatMap(\.sources)
        var seen: [String: CatalogSource] = [:]
        var conflicts: [String] = []
        for source in all where source.kind == .issue || source.kind == .pullRequest {
            if let first = seen[source.reference], first != source {
                conflicts.append("\(source.reference): `\(first.title)` and `\(source.title)`")
            }
            seen[source.reference] = seen[source.reference] ?? source
        }
        #expect(conflicts.isEmpty, "\(conflicts)")
    }
}
