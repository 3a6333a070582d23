import Foundation
import Testing

@testable import CertMigration

@Suite("schemas/facts.schema.json matches what the facts reader accepts")
struct FactsSchemaTests {
    static func schema() throws -> [String: Any] {
        let url = GoldenFiles.packageRoot.appendingPathComponent("schemas/facts.schema.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// Every key path the schema describes, as `section.key` (or `section` for a top-level scalar).
    static func schemaPaths() throws -> [String] {
        let properties = try #require(try schema()["properties"] as? [String: Any])
        var paths: [String] = []
        for (section, definition) in properties {
            let nested = (definition as? [String: Any])?["properties"] as? [String: Any]
            guard let nested else {
                paths.append(section)
                continue
            }
            for key in nested.keys { paths.append("\(section).\(key)") }
        }
        return paths.sorted()
    }

    @Test("every key the schema names is known to the reader")
    func schemaKeysAreKnown() throws {
        let paths = try Self.schemaPaths()
        #expect(paths.count == 15)
        for path in paths {
            let parts = path.split(separator: ".")
            let yaml = parts.count == 1 ? "\(parts[0]): x\n" : "\(parts[0]):\n  \(parts[1]): x\n"
            let diagnostics = FactsFileReader().read(bytes: Array(yaml.utf8), fileName: "f.yaml").diagnostics
            #expect(!diagnostics.contains { $0.id == "facts.unknown-key" }, "\(path) is unknown to the reader")
        }
    }

    @Test("a key outside the schema is an unknown-key warning")
    func otherKeysAreUnknown() throws {
        let yaml = "kubernetes:\n  distribution: eks\ncluster: prod\n"
        let diagnostics = FactsFileReader().read(bytes: Array(yaml.utf8), fileName: "f.yaml").diagnostics
        #expect(diagnostics.filter { $0.id == "facts.unknown-key" }.count == 2)
    }
}
