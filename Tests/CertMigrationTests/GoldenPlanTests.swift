import Foundation
import Testing
import YAMLKit

@testable import CertMigration

/// One golden case: `golden/<name>/case.yaml` names its inputs; `expected/` holds the exact `plan` outputs.
struct GoldenCase: CustomStringConvertible, Sendable {
    var name: String
    var description: String { name }
    var folder: URL { GoldenFiles.goldenRoot.appendingPathComponent(name) }

    /// The case's manifest: `values` (layered in order), `facts`, `strategy`, `now`.
    struct Manifest {
        var values: [String] = []
        var facts: String?
        var strategy = "auto"
        var now = "2026-11-25T00:00:00Z"
    }

    func manifest() throws -> Manifest {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("case.yaml")))
        let root = try #require(
            try YAMLParser().parse(bytes: bytes, fileName: "\(name)/case.yaml").documents.first?.root)
        var manifest = Manifest()
        manifest.values = root["values"]?.items?.compactMap(\.scalarText) ?? []
        manifest.facts = root["facts"]?.scalarText
        manifest.strategy = root["strategy"]?.scalarText ?? manifest.strategy
        manifest.now = root["now"]?.scalarText ?? manifest.now
        return manifest
    }

    func file(_ relative: String) throws -> InputFile {
        InputFile(name: relative, bytes: try [UInt8](Data(contentsOf: folder.appendingPathComponent(relative))))
    }

    /// The case's input read with `auto` and with each strategy forced (more preconditions, upgrades and manifests
    /// than the case's own choice shows), at the case's `now`; none for a case of bad input.
    func inputsForEveryChoice() throws -> [(choice: StrategyChoice, input: MigrationInput)] {
        let manifest = try manifest()
        let now = try #require(Timestamp.date(manifest.now))
        let choices: [StrategyChoice] = [.auto, .forced(.certManager), .forced(.disableRotation), .forced(.upgrade)]
        return try choices.compactMap { choice in
            let (input, _) = MigrationInputReader.read(
                values: try manifest.values.map(file), facts: try manifest.facts.map(file), strategy: choice, now: now)
            return input.map { (choice, $0) }
        }
    }
}

@Suite("Golden plans: every case's text, Markdown and JSON, byte for byte")
struct GoldenPlanTests {
    static let cases = GoldenFiles.caseNames().map { GoldenCase(name: $0) }

    @Test("plan outputs match golden/<case>/expected", arguments: cases)
    func plan(_ golden: GoldenCase) throws {
        let manifest = try golden.manifest()
        #expect(!manifest.values.isEmpty, "a case needs values files")
        let strategy = try #require(StrategyChoice(argument: manifest.strategy))
        let now = try #require(Timestamp.date(manifest.now))
        let (input, diagnostics) = MigrationInputReader.read(
            values: try manifest.values.map(golden.file), facts: try manifest.facts.map(golden.file),
            strategy: strategy, now: now)
        let expected = golden.folder.appendingPathComponent("expected")
        guard let input else {
            let errors = diagnostics.sortedByLocation().map(\.description).joined(separator: "\n") + "\n"
            GoldenFiles.check(errors, expected: expected.appendingPathComponent("errors.txt"))
            return
        }
        let plan = PlanDecider.plan(input)
        GoldenFiles.check(PlanTextRenderer().render(plan), expected: expected.appendingPathComponent("plan.txt"))
        GoldenFiles.check(PlanMarkdownRenderer().render(plan), expected: expected.appendingPathComponent("plan.md"))
        GoldenFiles.check(PlanReport(plan).json(), expected: expected.appendingPathComponent("plan.json"))
        // Deterministic: the same input gives the same bytes.
        #expect(PlanReport(PlanDecider.plan(input)).json() == PlanReport(plan).json())

        // generate: every output file, and each patched values file under expected/generate/patched/.
        let generated = expected.appendingPathComponent("generate")
        guard plan.strategy != nil else {
            #expect(throws: Diagnostic.self) { try MigrationGenerator().generate(input, plan: plan) }
            GoldenFiles.checkNoOtherFiles(in: generated, than: [])
            return
        }
        let generation: Generation
        do {
            generation = try MigrationGenerator().generate(input, plan: plan)
        } catch {
            // A case whose generate must refuse holds the refusal in expected/generate/errors.txt.
            GoldenFiles.check(error.description + "\n", expected: generated.appendingPathComponent("errors.txt"))
            GoldenFiles.checkNoOtherFiles(in: generated, than: ["errors.txt"])
            return
        }
        var written: Set<String> = []
        for file in generation.files {
            GoldenFiles.check(
                String(decoding: file.bytes, as: UTF8.self), expected: generated.appendingPathComponent(file.name))
            written.insert(file.name)
        }
        for file in generation.patchedFiles {
            let name = "patched/" + file.fileName
            GoldenFiles.check(
                String(decoding: file.patched, as: UTF8.self), expected: generated.appendingPathComponent(name))
            written.insert(name)
        }
        GoldenFiles.checkNoOtherFiles(in: generated, than: written)
        // Running generate on its own output values reports nothing to change.
        if !generation.patchedFiles.isEmpty {
            let patchedValues = manifest.values.map { name in
                generation.patchedFiles.first { $0.fileName == name }.map { InputFile(name: name, bytes: $0.patched) }
            }
            let rerun = MigrationInputReader.read(
                values: try zip(manifest.values, patchedValues).map { try $1 ?? golden.file($0) },
                facts: try manifest.facts.map(golden.file), strategy: strategy, now: now)
            let again = try #require(rerun.input)
            let second = try MigrationGenerator().generate(again, plan: PlanDecider.plan(again))
            #expect(
                second.patchedFiles.isEmpty,
                "generate on its own output still changes \(second.patchedFiles.map(\.fileName))")
        }
    }

    @Test("there are golden cases")
    func casesExist() {
        #expect(Self.cases.count >= 1)
    }

    @Test("every golden YAML file parses, except the golden fleet's deliberately broken cluster")
    func everyYAMLParses() throws {
        let enumerator = FileManager.default.enumerator(atPath: GoldenFiles.goldenRoot.path)
        var count = 0
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else { continue }
            if path.hasPrefix("fleet/clusters/broken-") { continue }
            let bytes = try [UInt8](Data(contentsOf: GoldenFiles.goldenRoot.appendingPathComponent(path)))
            #expect(throws: Never.self, "\(path) must parse") { try YAMLParser().parse(bytes: bytes, fileName: path) }
            count += 1
        }
        #expect(count > 0)
    }
}
