import ArgumentParser

/// An option value that is one of a fixed list of words, each case's raw value (`--provider eks`, `--output json`).
///
/// It gives what swift-argument-parser's defaults give for a `CaseIterable` string enum, the same words, help and
/// completions, without their cost at start: the parser builds every option of a command several times, and its
/// defaults reach the raw value through a key path and string interpolation, which look protocol conformances up at
/// run time (a scan of every conformance in the static binary the first time each is asked for).
protocol NamedCaseArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension NamedCaseArgument {
    /// The case whose raw value is the argument.
    public init?(argument: String) {
        self.init(rawValue: argument)
    }

    /// The raw value, as help shows a default.
    public var defaultValueDescription: String { rawValue }

    /// Every case's raw value, in declaration order.
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }

    /// No description beside the words themselves: the parser's default leaves out a description equal to its word.
    public static var allValueDescriptions: [String: String] { [:] }

    /// Shells complete the words.
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
