import Foundation
import Testing

@testable import CertMigration

/// The templates built into the binary are the repository's `templates/`, byte for byte, and overrides replace them
/// file by file.
@Suite struct TemplateEmbeddingTests {
    /// `<package root>/templates`, from this file's path (`<root>/Tests/CertMigrationTests/...`).
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates", isDirectory: true)

    /// Every file under `templates/` except its README, by relative path.
    static func filesOnDisk() throws -> [String: [UInt8]] {
        let root = directory.standardizedFileURL.path + "/"
        var files: [String: [UInt8]] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        for case let relative as String in enumerator {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + relative, isDirectory: &isDirectory),
                !isDirectory.boolValue, relative != "README.md",
                !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            else { continue }
            files[relative] = Array(try Data(contentsOf: URL(fileURLWithPath: root + relative)))
        }
        return files
    }

    @Test func embeddedSetEqualsTheTemplatesDirectory() throws {
        let onDisk = try Self.filesOnDisk()
        #expect(onDisk.count == 8)
        #expect(EmbeddedTemplates.files.keys.sorted() == onDisk.keys.sorted())
        for (name, bytes) in onDisk {
            #expect(
                EmbeddedTemplates.files[name] == bytes,
                "\(name) differs from the built-in copy: rebuild (after adding or removing a template: touch Package.swift)"
            )
        }
        #expect(TemplateSet.embedded.files.values.allSatisfy { $0.origin == .embedded })
        #expect(
            TemplateSet.embedded.files["manifests/ca-issuer.yaml"]?.displayPath == "templates/manifests/ca-issuer.yaml")
    }

    @Test func overrideReplacesOnlyTheGivenFile() throws {
        let custom =
            "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata:\n  name: ${name}\nspec:\n  ca:\n    secretName: corp-${caSecretName}\n"
        let set = try TemplateSet.embedded.overriding(
            ["manifests/ca-issuer.yaml": Array(custom.utf8)], from: "/home/me/templates")
        let values = TemplateFixtures.values["manifests/ca-issuer.yaml"]!
        #expect(
            String(decoding: try set.render("manifests/ca-issuer.yaml", values: values), as: UTF8.self) == """
                apiVersion: cert-manager.io/v1
                kind: Issuer
                metadata:
                  name: keda-operator-issuer
                spec:
                  ca:
                    secretName: corp-kedaorg-ca

                """)
        #expect(set.files["manifests/ca-issuer.yaml"]?.origin == .override)
        #expect(set.files["manifests/ca-issuer.yaml"]?.displayPath == "/home/me/templates/manifests/ca-issuer.yaml")
        let selfSigned = "manifests/selfsigned-issuer.yaml"
        #expect(
            try set.render(selfSigned, values: TemplateFixtures.values[selfSigned]!)
                == (try TemplateSet.embedded.render(selfSigned, values: TemplateFixtures.values[selfSigned]!)))
        #expect(set.files[selfSigned]?.origin == .embedded)
    }

    @Test func overrideErrorsNameTheOverridingFile() throws {
        let set = try TemplateSet.embedded.overriding(
            ["manifests/ca-issuer.yaml": Array("metadata:\n  name: ${nmae}\n".utf8)], from: "custom")
        #expect {
            try set.render("manifests/ca-issuer.yaml", values: ["name": "x"])
        } throws: { error in
            (error as? TemplateError)?.location.description == "custom/manifests/ca-issuer.yaml:2:9"
        }
    }

    @Test func overrideOfAnUnknownFileIsRefused() throws {
        #expect {
            try TemplateSet.embedded.overriding(["manifests/ca-isuer.yaml": []], from: "custom")
        } throws: { error in
            let error = error as? TemplateError
            return error?.kind == .unknownTemplate
                && error?.location.description == "custom/manifests/ca-isuer.yaml"
        }
    }
}
