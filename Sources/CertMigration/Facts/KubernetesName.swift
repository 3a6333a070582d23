/// Kubernetes' naming rules, for the names the tool writes into manifests and commands.
public enum KubernetesName {
    /// True for an RFC 1123 label: 1 to 63 lower-case letters, digits and `-`, starting and ending alphanumeric
    /// (namespaces and release names).
    ///
    /// Read in one pass over the UTF-8 bytes where they lie: every cluster's namespace and release name are checked,
    /// and an array of the bytes made for each cost more than the check.
    public static func isLabel(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            guard (1...63).contains(bytes.count), isLowercaseAlphanumeric(bytes[0]),
                isLowercaseAlphanumeric(bytes[bytes.count - 1])
            else { return false }
            for byte in bytes where !isLowercaseAlphanumeric(byte) && byte != UInt8(ascii: "-") { return false }
            return true
        }
    }

    /// True for `a`...`z` and `0`...`9`.
    @inline(__always)
    private static func isLowercaseAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
