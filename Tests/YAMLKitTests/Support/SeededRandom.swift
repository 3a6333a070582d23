#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A reproducible random number generator (SplitMix64) for property tests: the same seed, the same cases.
///
/// A failing property prints its seed; `PROPERTY_SEED=<n> swift test` replays it.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int.random(in: 0..<choices.count, using: &self)]
    }

    /// True with the given probability.
    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }
}

/// Seeds for property tests: `PROPERTY_SEED` when set (to replay a failure), else a fixed list.
enum PropertySeeds {
    static func seeds(default defaults: [UInt64]) -> [UInt64] {
        if let text = getenvString("PROPERTY_SEED"), let seed = UInt64(text) { return [seed] }
        return defaults
    }

    private static func getenvString(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
