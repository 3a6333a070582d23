/// One argument the chart passes to the KEDA operator that carries a certificate setting.
public struct OperatorArgument: Sendable, Hashable {
    /// The flag, with its dashes (`--enable-cert-rotation`).
    public var flag: String
    /// The chart's template expression for the value, as in `deployment.yaml`.
    public var valueExpression: String
    /// When the chart emits the argument at all, in words; nil when it always does.
    public var condition: String?
    /// The first chart version that passes it.
    public var introducedIn: SemanticVersion
    /// Where it is written.
    public var sources: [CatalogSource]

    /// Creates an argument.
    public init(
        flag: String, valueExpression: String, condition: String? = nil, introducedIn: SemanticVersion,
        sources: [CatalogSource]
    ) {
        self.flag = flag
        self.valueExpression = valueExpression
        self.condition = condition
        self.introducedIn = introducedIn
        self.sources = sources
    }
}
