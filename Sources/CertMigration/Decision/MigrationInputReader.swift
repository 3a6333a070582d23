import Foundation
import YAMLKit

/// An input file's name and bytes, read by the caller (the command line, a test, a fleet runner).
public struct InputFile: Sendable {
    /// The name to show in diagnostics (the path as the user gave it).
    public var name: String
    /// The bytes.
    public var bytes: [UInt8]

    /// Creates an input file.
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

/// Turns input files into a ``MigrationInput``: values layered, facts read and overridden by flags.
public enum MigrationInputReader {
    /// Reads the inputs. On any error the input is nil and the diagnostics say what to fix; otherwise the facts'
    /// warnings travel inside the input.
    public static func read(
        values: [InputFile], facts factsFile: InputFile?, flagFacts: ClusterFacts = ClusterFacts(),
        strategy: StrategyChoice = .auto, now: Date, limits: YAMLLimits = .default
    ) -> (input: MigrationInput?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var facts = ClusterFacts()
        if let factsFile {
            // Taken apart rather than read field by field: `read.facts` was a copy of every fact.
            let (fileFacts, fileDiagnostics) = FactsFileReader(limits: limits).read(
                bytes: factsFile.bytes, fileName: factsFile.name)
            facts = fileFacts
            diagnostics += fileDiagnostics
        }
        facts.override(with: flagFacts)
        var layers: [ValuesLayer] = []
        for file in values {
            do {
                // A plain values file, or the values inside an Argo CD Application or Flux HelmRelease.
                let source = try ValuesSource(bytes: file.bytes, fileName: file.name, limits: limits)
                if source.wrapper.isPlain, let root = source.stream.documents.first?.root,
                    let problem = NotValuesDetector.problem(root, fileName: file.name)
                {
                    diagnostics.append(problem)
                    continue
                }
                diagnostics += source.diagnostics
                // Moved into the layer: a copy retained both of its trees, then released the source's.
                layers.append(ValuesLayer(source: consume source))
            } catch {
                diagnostics.append(error)
            }
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let input = MigrationInput(
            values: ValuesLayers(consume layers), facts: consume facts, factDiagnostics: consume diagnostics,
            strategy: strategy, now: now)
        return (input, [])
    }
}
