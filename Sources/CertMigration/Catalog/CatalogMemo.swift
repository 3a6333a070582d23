/// What the decision works out from a catalog and a handful of facts, kept for the next cluster that asks with the
/// same facts.
///
/// A fleet has thousands of clusters and few distinct such facts (KEDA, Kubernetes and cert-manager versions, a
/// strategy): the upgrade path, the sources a plan cites and most of its advice came out the same, string for string,
/// cluster after cluster, and each was built, copied into the plan and torn down again. Each catalog has its own memo,
/// made with it, and a catalog never changes, so a kept result can only be one worked out from the same catalog.
/// Shared by `fleet`'s workers: two workers may work out the same result at once, and either one is kept.
final class CatalogMemo: Sendable {
    /// The upgrade recommendation by the facts it reads (``UpgradeAdvisor``).
    let upgrades = MemoTable<UpgradeAdvisor.Key, UpgradeRecommendation?>()
    /// The sentences of upgrade recommendations that depend on versions alone (``UpgradeAdvisor/Sentence``).
    let upgradeSentences = MemoTable<UpgradeAdvisor.Sentence, String>()
    /// The sources a plan cites by the facts they depend on (``PlanSources``).
    let sources = MemoTable<PlanSources.Key, [CatalogSource]>()
    /// The advice of a plan, but for the certificate's expiry, by the facts it names (``AdviceWriter``).
    let advice = MemoTable<AdviceWriter.Key, [Advice]>()
}

/// Results by key, worked out once each, up to ``capacity`` of them: past that a result is worked out every time,
/// so that a fleet whose every cluster differs keeps no more than that.
final class MemoTable<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// The most results kept.
    static var capacity: Int { 256 }

    private let kept = Locked<[Key: Value]>([:])

    /// The result for `key`: the one kept, or the one `workOut` gives, kept if there is room.
    func value(for key: Key, workOut: () -> Value) -> Value {
        if let value = kept.withLock({ $0[key] }) { return value }
        let value = workOut()
        kept.withLock { kept in
            if kept.count < Self.capacity { kept[key] = value }
        }
        return value
    }

    /// How many results are kept.
    var count: Int { kept.withLock { $0.count } }
}
