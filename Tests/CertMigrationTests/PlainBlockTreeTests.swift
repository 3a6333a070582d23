import Testing
import YAMLKit

@testable import CertMigration

/// `PlainBlockTree` lets `generate` merge a rendered GitOps patch without emitting and parsing it first; every tree
/// it accepts must read back from libyaml's output as the same tree, and the trees it refuses take the long way.
@Suite struct PlainBlockTreeTests {
    /// Scalar texts, some safe to write plain and some not.
    static let texts = [
        "keda", "argocd", "v1beta1.external.metrics.k8s.io", "/webhooks/0/clientConfig/caBundle",
        ".webhooks[]?.clientConfig.caBundle", "RespectIgnoreDifferences=true", "a: b", "a:b", "a #b", "a#b", "#x",
        "-x", "- x", "?x", ":x", "x:", " x", "x ", "...", "..x", "---", "true", "on", "~", "null", "1.0", "0x1f",
        "a,b", "[x]", "{x}", "x]", "&a", "*a", "!t", "|", ">", "'q'", "\"q\"", "%d", "@x", "`x`", "é", "a\tb",
        "a\nb", "", "x y", "a  b", "k=v,w", "x?y", String(repeating: "k", count: 129),
    ]

    /// A random tree of block collections and plain scalars, sometimes with another style, a tag or an empty
    /// collection.
    static func tree(depth: Int, using random: inout SplitMix64) -> YAMLNode {
        let style: YAMLNodeStyle? = random.chance(0.05) ? random.pick([.flow, .doubleQuoted, .singleQuoted]) : nil
        var node: YAMLNode
        switch depth > 3 ? 0 : Int.random(in: 0..<3, using: &random) {
        case 0:
            node = .scalar(random.pick(texts), style: style.flatMap { $0 == .flow ? nil : $0 } ?? .plain)
        case 1:
            node = .sequence(
                (0..<Int.random(in: 0...3, using: &random)).map { _ in tree(depth: depth + 1, using: &random) },
                style: style == .flow ? .flow : .block)
        default:
            node = .mapping(
                (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    YAMLPair(key: .scalar(random.pick(texts)), value: tree(depth: depth + 1, using: &random))
                }, style: style == .flow ? .flow : .block)
        }
        if random.chance(0.03) { node.tag = "tag:yaml.org,2002:str" }
        return node
    }

    @Test func everyAcceptedTreeReadsBackUnchanged() throws {
        var random = SplitMix64(state: 23)
        var accepted = 0
        for _ in 0..<4_000 {
            let root = Self.tree(depth: 0, using: &random)
            guard PlainBlockTree.readsBackUnchanged(root) else { continue }
            accepted += 1
            let bytes = try YAMLEmitter().emit(root)
            let readBack = try YAMLParser().parse(bytes: bytes, fileName: "t.yaml").documents.first?.root
            #expect(readBack == root, "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(accepted > 400, "the generated trees must include accepted ones")
    }

    @Test(arguments: [
        ("keda", false, true), ("a: b", false, false), ("a #b", false, false), ("-x", false, false),
        ("...", false, false), ("x ", false, false), ("é", false, false), ("", false, false),
        ("a:b", false, true), ("a:b", true, false), (".webhooks[]?.x", false, true), (".webhooks[]?.x", true, false),
    ])
    func scalarTexts(text: String, isKey: Bool, expected: Bool) {
        #expect(PlainBlockTree.isPlainText(text, isKey: isKey) == expected)
    }

    @Test func theBuiltInGitOpsTemplatesRenderToAcceptedTrees() throws {
        let set = TemplateSet.embedded
        let argocd = set.substitutedDocuments(
            "gitops/argocd-ignore-differences.yaml",
            values: ["applicationName": "keda", "applicationNamespace": "argocd"])
        let flux = set.substitutedDocuments(
            "gitops/flux-drift-ignore.yaml",
            values: [
                "helmReleaseName": "keda", "helmReleaseNamespace": "keda",
                "webhookCABundlePointers": .strings(["/webhooks/0/clientConfig/caBundle"]),
            ])
        for documents in [argocd, flux] {
            let root = try #require(documents?.first)
            #expect(documents?.count == 1)
            #expect(PlainBlockTree.readsBackUnchanged(root))
        }
    }
}
