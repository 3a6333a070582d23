import Testing

@testable import CertMigration

@Suite("Diagnosis context: the object names the values set, else the chart's, the same at every ask")
struct DiagnosisContextTests {
    @Test("the chart's names when the values set none, or an empty or non-string one")
    func chartNames() throws {
        for text in ["{}", "operator:\n  name: \"\"\ncertificates:\n  secretName: 7\n"] {
            let context = Snippet.context(try Snippet.values(text), Snippet.facts())
            for _ in 0..<2 {
                #expect(context.operatorName == "keda-operator")
                #expect(context.secretName == "kedaorg-certs")
                #expect(context.caSecretName == "kedaorg-ca")
            }
        }
    }

    @Test("each name from its own path, kept apart, and shared by copies of the context")
    func valuesNames() throws {
        let context = Snippet.context(
            try Snippet.values(
                "operator:\n  name: op\ncertificates:\n  secretName: certs\n  certManager:\n    caSecretName: ca\n"),
            Snippet.facts())
        #expect(context.caSecretName == "ca")
        let copy = context
        #expect(copy.caSecretName == "ca")
        #expect(copy.secretName == "certs")
        #expect(context.operatorName == "op")
        #expect(copy.operatorName == "op")
        #expect(context.secretName == "certs")
    }
}
