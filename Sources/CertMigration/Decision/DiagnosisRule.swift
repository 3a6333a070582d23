/// One rule of the diagnosis: an id, what it checks, why (with its source), and the findings it produces.
public struct DiagnosisRule: Sendable {
    /// The id of the findings it produces.
    public var id: String
    /// One line: why the rule exists.
    public var reason: String
    /// The references that back it.
    public var sources: [String]
    /// The findings for a context (none when the condition does not hold); the rule is passed in to make them.
    public var evaluate: @Sendable (_ context: DiagnosisContext, _ rule: DiagnosisRule) -> [Diagnostic]

    /// Creates a rule.
    public init(
        id: String, reason: String, sources: [String],
        evaluate: @escaping @Sendable (_ context: DiagnosisContext, _ rule: DiagnosisRule) -> [Diagnostic]
    ) {
        self.id = id
        self.reason = reason
        self.sources = sources
        self.evaluate = evaluate
    }

    /// A finding of this rule, carrying its sources; `id` names the outcome where a rule has several.
    func finding(
        id outcome: String? = nil, _ severity: Severity, _ message: String, at location: SourceLocation? = nil,
        fix: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            id: outcome ?? id, severity: severity, message: message, location: location, fix: fix, sources: sources)
    }

    /// The findings of this rule for a context.
    public func findings(in context: DiagnosisContext) -> [Diagnostic] { evaluate(context, self) }
}
