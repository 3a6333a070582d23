/// What ``PlanDecider/decide(_:)`` decides for a cluster: the findings and the strategy, without the text a plan
/// spells out (changes, manifests, advice, upgrade steps, sources). The same strategy, findings and preconditions
/// as the ``RemediationPlan`` of the same context (``PlanDecider/decideBriefly(_:)`` leaves the checks' sentences
/// out when a strategy fits).
public struct PlanDecision: Sendable {
    /// The strategy whose preconditions hold, or nil when none does.
    public var strategy: Strategy?
    /// Every finding: the facts' diagnostics, then the rules'.
    public var findings: [Diagnostic]
    /// The checks of every strategy considered.
    public var preconditions: [Strategy: [PreconditionCheck]]
    /// Why no strategy fits (the plan's reason then), or nil when one does.
    public var noStrategyReason: String?

    /// Creates a decision.
    public init(
        strategy: Strategy?, findings: [Diagnostic], preconditions: [Strategy: [PreconditionCheck]],
        noStrategyReason: String?
    ) {
        self.strategy = strategy
        self.findings = findings
        self.preconditions = preconditions
        self.noStrategyReason = noStrategyReason
    }

    /// ``RemediationPlan/needsChange`` of the plan: no strategy fits, the strategy changes something, or a
    /// security finding needs action.
    public var needsChange: Bool { Self.needsChange(strategy: strategy, findings: findings) }

    /// True when a plan with this strategy (nil: none fits) and these findings asks for action.
    static func needsChange(strategy: Strategy?, findings: [Diagnostic]) -> Bool {
        guard let strategy else { return true }
        return strategy != .none || findings.contains { $0.severity == .security }
    }
}
