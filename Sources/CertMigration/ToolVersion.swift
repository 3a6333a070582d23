/// The tool's version, printed by `--version` and written into the header of every generated file.
public enum ToolVersion {
    /// The semantic version of this build of keda-cert-migrate.
    public static let current = "0.1.0"
}
