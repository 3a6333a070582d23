import Foundation
import Testing
import YAMLKit

@testable import CertMigration

/// The rendered cert-manager manifests satisfy cert-manager v1.21.1's JSON Schemas (derived strictly from its CRDs:
/// unknown fields refused), checked offline by a small validator that covers every keyword those schema files use.
/// CI checks the same files with `check-jsonschema` (see the report).
@Suite(.enabled(if: CertManagerSchemas.isAvailable)) struct TemplateSchemaTests {
    @Test(arguments: [
        "manifests/selfsigned-issuer.yaml", "manifests/ca-certificate.yaml", "manifests/ca-issuer.yaml",
        "manifests/serving-certificate.yaml",
    ])
    func renderedManifestSatisfiesTheSchemaOfItsKind(name: String) throws {
        let output = try TemplateSet.embedded.render(name, values: TemplateFixtures.values[name]!)
        #expect(try CertManagerSchemas.violations(of: output) == [])
    }

    @Test func servingCertificateForAClusterIssuerWithSecretTemplate() throws {
        var values = TemplateFixtures.values["manifests/serving-certificate.yaml"]!
        values["secretTemplate"] = .mapping([
            "labels": .mapping(["team": "platform"]), "annotations": .mapping(["example.com/copy": "true"]),
        ])
        values["issuerName"] = "corp-ca"
        values["issuerKind"] = "ClusterIssuer"
        let output = try TemplateSet.embedded.render("manifests/serving-certificate.yaml", values: values)
        #expect(try CertManagerSchemas.violations(of: output) == [])
    }

    /// The validator is not a rubber stamp: each of these edits of a valid Certificate is caught.
    @Test(arguments: [
        ("- server auth", "- serverauth", "$.spec.usages[0]: not one of the allowed values"),
        ("  secretName: kedaorg-certs\n", "", "$.spec: secretName is required"),
        ("  isCA: true", "  isCA: \"true\"", "$.spec.isCA: expected boolean"),
        ("    size: 2048", "    size: big", "$.spec.privateKey.size: expected integer"),
        ("  commonName: keda-operator", "  commonNames: keda-operator", "$.spec: commonNames is not allowed"),
    ])
    func violationsAreFound(edit: (from: String, to: String, violation: String)) throws {
        let valid = String(
            decoding: try TemplateSet.embedded.render(
                "manifests/ca-certificate.yaml",
                values: TemplateFixtures.values["manifests/ca-certificate.yaml"]!.merging([
                    "secretName": "kedaorg-certs"
                ]) {
                    $1
                }), as: UTF8.self)
        let withUsages = valid.replacingOccurrences(of: "spec:\n", with: "spec:\n  usages:\n  - server auth\n")
        #expect(try CertManagerSchemas.violations(of: Array(withUsages.utf8)) == [])
        let broken = withUsages.replacingOccurrences(of: edit.from, with: edit.to)
        #expect(broken != withUsages)
        #expect(try CertManagerSchemas.violations(of: Array(broken.utf8)).contains(edit.violation))
    }
}

/// cert-manager v1.21.1's JSON Schemas in `../shared/reference/schemas/`, and a validator for the keywords they use
/// (`type`, `properties`, `additionalProperties`, `required`, `items`, `enum`, `pattern`, `minLength`, `maxLength`,
/// `minimum`, `maximum`, `anyOf`, `oneOf`; `format` and `x-kubernetes-*` are annotations here, as in
/// check-jsonschema's default mode for these formats).
enum CertManagerSchemas {
    /// `<package root>/../shared/reference/schemas/cert-manager/v1.21.1/json/cert-manager.io`.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("shared/reference/schemas/cert-manager/v1.21.1/json/cert-manager.io")

    /// True when the schema files are there.
    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("certificate_v1.json").path)
    }

    /// The violations of the one document in `bytes`, each as `$.path: what`, checked against its kind's schema.
    static func violations(of bytes: [UInt8]) throws -> [String] {
        let document = try HelmValueReader().read(String(decoding: bytes, as: UTF8.self)).values
        guard case .string(let kind) = document["kind"]?.content else { return ["$.kind: missing"] }
        let file = directory.appendingPathComponent("\(kind.lowercased())_v1.json")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: file))
        var found: [String] = []
        check(document, against: schema, path: "$", into: &found)
        return found
    }

    /// Appends each violation of `value` against `schema`.
    static func check(_ value: HelmValue, against schema: Any, path: String, into found: inout [String]) {
        guard let schema = schema as? [String: Any] else { return }
        if let type = schema["type"] as? String, !matches(value, type: type) {
            found.append("\(path): expected \(type)")
            return
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { equal(value, $0) }) {
            found.append("\(path): not one of the allowed values")
        }
        if let anyOf = schema["anyOf"] as? [Any], !anyOf.contains(where: { passes(value, $0) }) {
            found.append("\(path): matches none of anyOf")
        }
        if let oneOf = schema["oneOf"] as? [Any], oneOf.filter({ passes(value, $0) }).count != 1 {
            found.append("\(path): does not match exactly one of oneOf")
        }
        switch value.content {
        case .string(let text):
            if let minimum = schema["minLength"] as? Int, text.count < minimum {
                found.append("\(path): shorter than \(minimum)")
            }
            if let maximum = schema["maxLength"] as? Int, text.count > maximum {
                found.append("\(path): longer than \(maximum)")
            }
            if let pattern = schema["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): does not match \(pattern)")
            }
        case .number(let number):
            if let minimum = schema["minimum"] as? Double, number < minimum { found.append("\(path): below minimum") }
            if let maximum = schema["maximum"] as? Double, number > maximum { found.append("\(path): above maximum") }
        case .sequence(let items):
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    check(item, against: itemSchema, path: "\(path)[\(index)]", into: &found)
                }
            }
        case .mapping(let entries):
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for required in schema["required"] as? [String] ?? [] where entries[required] == nil {
                found.append("\(path): \(required) is required")
            }
            for key in entries.keys.sorted() {
                let child = entries[key]!
                if let propertySchema = properties[key] {
                    check(child, against: propertySchema, path: "\(path).\(key)", into: &found)
                } else if let additional = schema["additionalProperties"] {
                    if let allowed = additional as? Bool {
                        if !allowed { found.append("\(path): \(key) is not allowed") }
                    } else {
                        check(child, against: additional, path: "\(path).\(key)", into: &found)
                    }
                }
            }
        case .null, .bool:
            break
        }
    }

    /// True when `value` has no violation against `schema`.
    static func passes(_ value: HelmValue, _ schema: Any) -> Bool {
        var found: [String] = []
        check(value, against: schema, path: "$", into: &found)
        return found.isEmpty
    }

    /// JSON Schema's type test.
    static func matches(_ value: HelmValue, type: String) -> Bool {
        switch (type, value.content) {
        case ("string", .string), ("boolean", .bool), ("array", .sequence), ("object", .mapping), ("null", .null),
            ("number", .number):
            true
        case ("integer", .number(let number)): number == number.rounded()
        default: false
        }
    }

    /// Equality between a value and a JSON enum member.
    static func equal(_ value: HelmValue, _ member: Any) -> Bool {
        switch value.content {
        case .string(let text): (member as? String) == text
        case .bool(let flag): (member as? Bool) == flag
        case .number(let number): (member as? Double) == number
        default: false
        }
    }
}
