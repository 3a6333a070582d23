import ArgumentParser
import CertMigration
import Foundation

/// What `check --output` and `generate --output` print on stdout: the human lines, or one JSON document for a bot.
///
/// The JSON shapes are stable (sorted keys, `schemaVersion` 1; fields are added, never renamed or removed) and
/// documented in the README ("Machine-readable output"). Errors are never JSON: they go to stderr in the compiler
/// style `file:line:column: error: message` whatever the output format, so editors and CI annotate them.
enum OutputFormat: String, NamedCaseArgument {
    case text, json

    /// `check --output json`: one line.
    struct CheckResult: Encodable, Equatable {
        /// Bumped only if a field changes meaning.
        var schemaVersion = 1
        /// `change-needed` (exit 2), `nothing-to-change` (exit 0) or `error` (exit 1).
        var status: Status
        /// The chosen strategy; `null` when the input is bad or no strategy fits.
        var strategy: String?
        /// How many values the plan changes.
        var changes: Int
        /// The plan's reason in one sentence, or what went wrong.
        var reason: String

        /// The three answers of `check`.
        enum Status: String, Encodable {
            case changeNeeded = "change-needed"
            case nothingToChange = "nothing-to-change"
            case error
        }

        enum CodingKeys: String, CodingKey {
            case schemaVersion, status, strategy, changes, reason
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(schemaVersion, forKey: .schemaVersion)
            try container.encode(status, forKey: .status)
            try container.encode(strategy, forKey: .strategy)  // null stays in the output
            try container.encode(changes, forKey: .changes)
            try container.encode(reason, forKey: .reason)
        }
    }

    /// `generate --output json`: what was (or, in a dry run, would be) written, file by file.
    struct GenerateResult: Encodable, Equatable {
        /// Bumped only if a field changes meaning.
        var schemaVersion = 1
        /// `written` (exit 0, including when every file was unchanged), `dry-run` (exit 0) or `error` (exit 1).
        var status: Status
        /// The chosen strategy; `null` when the input is bad or generation failed before a plan was made.
        var strategy: String?
        /// The output folder as given by `--output-dir`.
        var outputDir: String
        /// Files in the output folder, in the order they were written.
        var files: [File] = []
        /// The user's own values files patched by `--in-place` (empty without it).
        var patched: [File] = []

        /// The answers of `generate`.
        enum Status: String, Encodable {
            case written
            case dryRun = "dry-run"
            case error
        }

        /// One file and what happened to it.
        struct File: Encodable, Equatable {
            /// The path as printed by the text output (`DIR/values-overlay.yaml`, or the values file's own name).
            var path: String
            /// `written`, `unchanged`, `would-write` (dry run) for output files; `patched`, `unchanged`,
            /// `would-patch` (dry run) for `--in-place`.
            var outcome: String
            /// The size of the file's new contents.
            var bytes: Int
        }

        enum CodingKeys: String, CodingKey {
            case schemaVersion, status, strategy, outputDir, files, patched
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(schemaVersion, forKey: .schemaVersion)
            try container.encode(status, forKey: .status)
            try container.encode(strategy, forKey: .strategy)
            try container.encode(outputDir, forKey: .outputDir)
            try container.encode(files, forKey: .files)
            try container.encode(patched, forKey: .patched)
        }
    }

    /// The JSON text of a result with sorted keys and unescaped slashes, on one line or indented, ending in a newline.
    static func json(_ value: some Encodable, oneLine: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            oneLine
            ? [.sortedKeys, .withoutEscapingSlashes]
            : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // The results hold only strings, integers and optionals: encoding cannot fail.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
