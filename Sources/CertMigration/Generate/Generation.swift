/// One file `generate` writes into the output folder, by its name relative to that folder.
public struct GeneratedFile: Sendable, Hashable {
    /// The relative name (`values-overlay.yaml`, `gitops/argocd-application-patch.yaml`).
    public var name: String
    /// The bytes.
    public var bytes: [UInt8]

    /// Creates a file.
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

/// A user's values file before and after the in-place edit.
public struct PatchedValuesFile: Sendable, Hashable {
    /// The file's name, as the user gave it.
    public var fileName: String
    /// Its bytes as read.
    public var original: [UInt8]
    /// Its bytes with the plan's changes.
    public var patched: [UInt8]
}

/// What `generate` produces, every part validated: the output files and the in-place patches.
public struct Generation: Sendable {
    /// The plan it comes from.
    public var plan: RemediationPlan
    /// The files for the output folder, in a stable order.
    public var files: [GeneratedFile]
    /// The user's files that the plan edits in place (for `values.patch` and `--in-place`).
    public var patchedFiles: [PatchedValuesFile]
    /// The chart version patched into a wrapper, when the plan carries an upgrade the tool can write.
    public var chartVersionChange: ChartVersionChange?
}
