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
        let lowered = key.lowercased()
        if lowered == "env" { return true }
        if lowered.hasSuffix("name") { return false }
        return lowered.contains("password") || lowered.contains("token") || lowered.contains("secret")
    }

    /// True when a key names an object rather than holding a value worth hiding (`secretName`, `name`).
    public static func isNameKey(_ key: String) -> Bool {
        key.lowercased().hasSuffix("name")
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
