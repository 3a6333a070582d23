/// Which values of a Helm values file may be secrets, so that no report, diagnostic or pull-request body shows them.
///
/// The rule, on the keys from the root down to a value:
/// - any value below a key `env` (the container environment: `env: [{name: ..., value: ...}]`);
/// - any value below a key whose name contains `password`, `token` or `secret` (case-insensitive): `password`,
///   `apiToken`, `clientSecret`, `secrets`;
/// - except a value whose own key ends in `name` (case-insensitive): such a key names a Kubernetes object or an
///   environment variable rather than holding a secret (`secretName`, `caSecretName`, `tokenSecretName`, an `env`
///   entry's `name`), and the tool's findings must be able to show those names.
///
/// A secret value is shown as ``marker``. Only displays are redacted: the user's own file, its in-place edit and
/// `values.patch` stay byte-exact.
public enum SecretValues {
    /// What is shown instead of a secret value.
    public static let marker = "<redacted>"

    /// True when a key, wherever it is, marks the values below it as secret (`env` is such a key too).
    public static func isSecretKey(_ key: String) -> Bool {
        let lowered = asciiLowered(key)
        if lowered == Array("env".utf8) { return true }
        if lowered.ends(with: "name") { return false }
        return lowered.holds("password") || lowered.holds("token") || lowered.holds("secret")
    }

    /// True when a key names an object rather than holding a value worth hiding (`secretName`, `name`).
    public static func isNameKey(_ key: String) -> Bool {
        asciiLowered(key).ends(with: "name")
    }

    /// The key's UTF-8 bytes with ASCII letters lower-cased (the words looked for are ASCII). Byte-wise, because
    /// `String.lowercased()` and `contains` cost tens of thousands of instructions a key, and every key of a
    /// file's path is asked about.
    static func asciiLowered(_ text: String) -> [UInt8] {
        text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
    }

    /// True when the value at `keys` (the mapping keys from the root, list positions left out) may be a secret.
    public static func isSecret(path keys: [String]) -> Bool {
        guard let last = keys.last, !isNameKey(last) else { return false }
        return keys.contains(where: isSecretKey)
    }

    /// True when a one-line text (a flow collection, a comment) mentions a key that may hold a secret; such text is
    /// hidden whole, since it is not parsed key by key.
    static func mentionsSecretKey(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.contains("password") || lowered.contains("token") || lowered.contains("secret")
            || lowered.contains("env:") || lowered.contains("env\":") || lowered.contains("env':")
    }
}

extension Array where Element == UInt8 {
    /// True when the bytes hold `word`'s UTF-8 bytes somewhere.
    fileprivate func holds(_ word: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard needle.count <= count else { return false }
        for start in 0...(count - needle.count) where self[start] == needle[0] {
            if self[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }

    /// True when the bytes end with `word`'s UTF-8 bytes.
    fileprivate func ends(with word: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        return needle.count <= count && self[(count - needle.count)...].elementsEqual(needle)
    }
}
