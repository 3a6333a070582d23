import Foundation
import PackagePlugin

/// Turns every file under the package's top-level `templates/` directory (except `templates/README.md`, which
/// documents them) into one generated Swift source, `EmbeddedTemplates.swift`, compiled into the target that uses
/// the plugin.
///
/// Every template file is an input of the build command, so editing one regenerates the source; the plugin itself
/// runs on every build, so adding or removing a file changes the command's inputs and regenerates it too.
@main
struct TemplateEmbedderPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let templatesDirectory = context.package.directoryURL.appending(path: "templates", directoryHint: .isDirectory)
        let readme = templatesDirectory.appending(path: "README.md").standardizedFileURL
        let templateFiles = try Self.files(under: templatesDirectory).filter { $0 != readme }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        var arguments = [output.path(percentEncoded: false), templatesDirectory.path(percentEncoded: false)]
        arguments += templateFiles.map { $0.path(percentEncoded: false) }
        return [
            .buildCommand(
                displayName: "Embedding \(templateFiles.count) templates into \(target.name)",
                executable: try context.tool(named: "TemplateEmbedder").url,
                arguments: arguments,
                inputFiles: templateFiles,
                outputFiles: [output])
        ]
    }

    /// The regular files under a directory, recursively, hidden files excluded, sorted by path.
    static func files(under directory: URL) throws -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator
        where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            files.append(url.standardizedFileURL)
        }
        return files.sorted { $0.path < $1.path }
    }
}
