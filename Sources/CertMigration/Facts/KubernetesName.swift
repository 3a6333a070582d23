/// Kubernetes' naming rules, for the names the tool writes into manifests and commands.
public enum KubernetesName {
    /// True for an RFC 1123 label: 1 to 63 lower-case letters, digits and `-`, starting and ending alphanumeric
    /// (namespaces and release names).
    public static func isLabel(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        let alphanumeric: (UInt8) -> Bool = { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
        guard alphanumeric(bytes.first!), alphanumeric(bytes.last!) else { return false }
        return bytes.allSatisfy { alphanumeric($0) || $0 == 0x2D }
    }
}
