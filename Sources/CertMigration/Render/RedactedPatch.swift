import YAMLKit

/// The in-place patch as a report shows it (`generate --dry-run`, a comment on a pull request): the unified diff of
/// `values.patch`, with every secret value hidden in its changed and context lines (``SecretValues``).
///
/// `values.patch` itself, and the user's edited file, stay byte-exact: they are the user's own text, committed where
/// it already was. Only a diff printed or posted elsewhere is redacted. Both sides are redacted line for line before
/// diffing, so the hunks pair the same lines as in `values.patch`.
public enum RedactedPatch {
    /// The diffs of the patched files, one after the other, secrets hidden; `path` names each file as
    /// ``MigrationGenerator/patchPath`` does in `values.patch`.
    public static func text(_ files: [PatchedValuesFile], path: (String) -> String = { $0 }) -> String {
        files.map { file in
            let old = SecretLineRedactor.redact(String(decoding: file.original, as: UTF8.self))
            let new = SecretLineRedactor.redact(String(decoding: file.patched, as: UTF8.self))
            return String(
                decoding: UnifiedDiff(old: Array(old.utf8), new: Array(new.utf8), path: path(file.fileName)).bytes,
                as: UTF8.self)
        }.joined()
    }
}
