import Foundation

/// Everything the engine decides from, read and checked by the caller: no file system inside the engine.
public struct MigrationInput: Sendable {
    /// The user's values files, layered.
    public var values: ValuesLayers
    /// The cluster's facts (file and flags merged).
    public var facts: ClusterFacts
    /// What reading the facts said (warnings go into the report; errors stop the tool before it decides).
    public var factDiagnostics: [Diagnostic]
    /// What `--strategy` asks for.
    public var strategy: StrategyChoice
    /// The moment the plan is made, for certificate expiry; passed in so that a plan is reproducible.
    public var now: Date
    /// What the tool knows about KEDA, its chart and cert-manager.
    public var catalog: ChartCatalog

    /// Creates an input.
    public init(
        values: ValuesLayers, facts: ClusterFacts, factDiagnostics: [Diagnostic] = [], strategy: StrategyChoice = .auto,
        now: Date, catalog: ChartCatalog = .builtIn
    ) {
        self.values = values
        self.facts = facts
        self.factDiagnostics = factDiagnostics
        self.strategy = strategy
        self.now = now
        self.catalog = catalog
    }
}
