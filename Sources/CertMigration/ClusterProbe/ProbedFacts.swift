/// The facts read from a cluster's command outputs, with why each missing fact is missing and what else was seen.
public struct ProbedFacts: Sendable {
    /// The facts, each with the captured file or the command it came from.
    public var facts: ClusterFacts
    /// Why a fact stayed unknown (`helm-list.json is not in captured/`), by fact.
    public var unknownReasons: [FactKey: String]
    /// Whether the running operator rotates its own certificates (`--enable-cert-rotation` in its args, the last
    /// occurrence winning as pflag reads them; absent means false, the operator's default).
    public var operatorCertRotation: Fact<Bool>?
    /// Other things worth a reader's eye that the facts file has no key for (an operator with no ready replica, an
    /// APIService's failing condition), each one line.
    public var remarks: [String]
    /// Problems with the outputs: errors (malformed JSON, a failed command) and warnings (a refused query).
    public var diagnostics: [Diagnostic]

    /// Nothing known yet.
    public init() {
        facts = ClusterFacts()
        unknownReasons = [:]
        remarks = []
        diagnostics = []
    }

    /// Records why a fact is unknown, unless it is known or already has a reason.
    mutating func unknown(_ key: FactKey, _ reason: String) {
        guard key.origin(in: facts) == nil, unknownReasons[key] == nil else { return }
        unknownReasons[key] = reason
    }

    /// Records why facts are unknown, replacing an earlier reason (a conclusion drawn from several outputs says more
    /// than one output's absence).
    mutating func explain(_ keys: [FactKey], _ reason: String) {
        for key in keys where key.origin(in: facts) == nil { unknownReasons[key] = reason }
    }

    /// Records the same reason for several facts.
    mutating func unknown(_ keys: [FactKey], _ reason: String) {
        for key in keys { unknown(key, reason) }
    }
}
