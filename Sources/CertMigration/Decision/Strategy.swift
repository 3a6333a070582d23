/// The way out a plan takes.
public enum Strategy: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Hand the certificates to cert-manager (the long-term fix).
    case certManager = "cert-manager"
    /// Turn the operator's built-in rotation off.
    case disableRotation = "disable-rotation"
    /// Upgrade Kubernetes and KEDA; removes parts of the cause, never all of it.
    case upgrade
    /// Nothing to change.
    case none

    /// The name used on the command line and in JSON.
    public var description: String { rawValue }
}

/// What `--strategy` asks for.
public enum StrategyChoice: Sendable, Hashable {
    /// Let the rules decide.
    case auto
    /// Use this strategy, or fail saying which precondition does not hold.
    case forced(Strategy)

    /// Parses `auto`, `cert-manager`, `disable-rotation` or `upgrade`.
    public init?(argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let strategy = Strategy(rawValue: argument), strategy != .none {
            self = .forced(strategy)
        } else {
            return nil
        }
    }
}
