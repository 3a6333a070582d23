import Foundation
import PackagePlugin

/// Turns the package's top-level `templates/` directory into one generated Swift source, `EmbeddedTemplates.swift`,
/// compiled into the target that uses the plugin (`templates/README.md`, which documents them, is left out).
///
/// The build command's inputs are every template file and every directory under `templates/`: editing a file
/// regenerates the source (its contents changed), and adding a file does too (its directory changed; the tool lists
/// the directory itself, so the new file is embedded). SwiftPM runs this plugin again only when the package's
/// structure changes, so after REMOVING a template the stale command still names it and the build stops with
/// "missing inputs"; `touch Package.swift` makes SwiftPM plan again.
@main
struct TemplateEmbedderPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let templatesDirectory = context.package.directoryURL.appending(path: "templates", directoryHint: .isDirectory)
        let (files, directories) = try Self.contents(of: templatesDirectory)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) templates into \(target.name)",
                executable: try context.tool(named: "TemplateEmbedder").url,
                arguments: [output.path(percentEncoded: false), templatesDirectory.path(percentEncoded: false)],
                inputFiles: files + directories,
                outputFiles: [output])
        ]
    }

    /// The template files (hidden files and the top-level README excluded) and the directories, recursively,
    /// the directory itself included, each sorted by path.
    static func contents(of directory: URL) throws -> (files: [URL], directories: [URL]) {
        let root = directory.standardizedFileURL
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey],
                options: [.skipsHiddenFiles])
        else { return ([], []) }
        let readme = root.appending(path: "README.md").standardizedFileURL
        var files: [URL] = []
        var directories: [URL] = [root]
        for case let url as URL in enumerator {
            let properties = try url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
            let file = url.standardizedFileURL
            if properties.isDirectory == true {
                directories.append(file)
            } else if properties.isRegularFile == true, file != readme {
                files.append(file)
            }
        }
        return (files.sorted { $0.path < $1.path }, directories.sorted { $0.path < $1.path })
    }
}
