import Testing

@testable import CertMigration

@Suite("KubernetesName")
struct KubernetesNameTests {
    @Test(
        "RFC 1123 labels are accepted",
        arguments: ["keda", "a", "0", "keda-system", "k8s-2", String(repeating: "a", count: 63)])
    func acceptsLabels(_ text: String) {
        #expect(KubernetesName.isLabel(text))
    }

    @Test(
        "Anything else is refused",
        arguments: [
            "", "-keda", "keda-", "Keda", "keda_system", "keda.system", "keda system", "kéda", "ｋeda",
            String(repeating: "a", count: 64), "-", "a-\u{0}",
        ])
    func refusesOthers(_ text: String) {
        #expect(!KubernetesName.isLabel(text))
    }
}
