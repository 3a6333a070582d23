/// The webhooks of the ValidatingWebhookConfiguration `keda-admission` a chart version renders, in order.
///
/// Flux's drift-ignore rules take one JSON pointer per webhook index (`/webhooks/0/clientConfig/caBundle`, ...), so
/// the count must come from the chart, not a guess.
public struct AdmissionWebhookList: Sendable, Hashable {
    /// How sure the catalog is of this version's list.
    public enum Certainty: String, Sendable, Hashable {
        /// Seen in the chart's template or a rendered manifest of this very version.
        case confirmed
        /// Bracketed by versions that were seen and the pull request that changed the list; not seen for this
        /// version itself.
        case inferred
    }

    /// The configuration's name, hard-coded in every chart.
    public static let configurationName = "keda-admission"

    /// The webhook names in the order the chart renders them.
    public var names: [String]
    /// How sure the catalog is.
    public var certainty: Certainty
    /// The webhook counts the evidence allows: exactly `names.count` when confirmed; for an inferred list, the range
    /// between the neighbouring versions that were seen (2.12.1 may or may not carry kedacore/charts#553).
    public var possibleCounts: ClosedRange<Int>
    /// Where the list is written.
    public var sources: [CatalogSource]

    /// Creates a list; `possibleCounts` defaults to exactly `names.count`.
    public init(
        names: [String], certainty: Certainty, possibleCounts: ClosedRange<Int>? = nil, sources: [CatalogSource]
    ) {
        self.names = names
        self.certainty = certainty
        self.possibleCounts = possibleCounts ?? names.count...names.count
        self.sources = sources
    }

    /// True when the count is known exactly (confirmed, or inferred with no other possible count).
    public var isCountCertain: Bool { possibleCounts.lowerBound == possibleCounts.upperBound }

    /// The JSON pointers of every webhook's `clientConfig.caBundle`, in order.
    public var caBundlePointers: [String] {
        names.indices.map { "/webhooks/\($0)/clientConfig/caBundle" }
    }
}
