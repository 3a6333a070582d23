/// Where a fact in the chart catalog comes from, so a report can cite it.
///
/// A source is a title a person reads and a reference precise enough to find the text again: a file at a tag
/// (`kedacore/charts v2.16.1 keda/values.yaml`), an issue or pull request (`kedacore/keda#6551`), a documentation page,
/// or a section of the project's own research notes (`shared/reference/KEDA-FACTS.md`).
public struct CatalogSource: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// What kind of text a source points at.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A file of a repository at a tag or commit.
        case repositoryFile
        /// A GitHub issue.
        case issue
        /// A GitHub pull request.
        case pullRequest
        /// A documentation page (a project's website or its docs repository).
        case documentation
        /// A release's changelog entry.
        case changelog
        /// The project's own research notes, which cite their sources in turn.
        case researchNotes
    }

    /// What kind of text this is.
    public var kind: Kind
    /// A short title a person reads (`Chart values of v2.16.1`, the issue's title).
    public var title: String
    /// The precise reference (`kedacore/charts v2.16.1 keda/values.yaml`, `kedacore/keda#6551`).
    public var reference: String
    /// A web address, when the reference has one.
    public var url: String?

    /// Creates a source.
    public init(kind: Kind, title: String, reference: String, url: String? = nil) {
        self.kind = kind
        self.title = title
        self.reference = reference
        self.url = url
    }

    /// A file of a GitHub repository at a tag: `kedacore/charts v2.16.1 keda/values.yaml`.
    public static func file(_ path: String, in repository: String, at tag: String, title: String) -> CatalogSource {
        CatalogSource(
            kind: .repositoryFile, title: title, reference: "\(repository) \(tag) \(path)",
            url: "https://github.com/\(repository)/blob/\(tag)/\(path)")
    }

    /// The KEDA chart's default values file at a chart version (tags are `v<version>`, not `keda-<version>`).
    public static func chartValues(_ chart: SemanticVersion) -> CatalogSource {
        .file(
            "keda/values.yaml", in: "kedacore/charts", at: "v\(chart.core)",
            title: "KEDA chart \(chart.core) default values")
    }

    /// A file of the KEDA chart at a chart version.
    public static func chartFile(_ path: String, at chart: SemanticVersion, title: String) -> CatalogSource {
        .file(path, in: "kedacore/charts", at: "v\(chart.core)", title: title)
    }

    /// A file of KEDA itself at a release tag.
    public static func kedaFile(_ path: String, at release: SemanticVersion, title: String) -> CatalogSource {
        .file(path, in: "kedacore/keda", at: "v\(release.core)", title: title)
    }

    /// A GitHub issue: `owner/repo#number`.
    public static func issue(_ repository: String, _ number: Int, title: String) -> CatalogSource {
        CatalogSource(
            kind: .issue, title: title, reference: "\(repository)#\(number)",
            url: "https://github.com/\(repository)/issues/\(number)")
    }

    /// A GitHub pull request: `owner/repo#number`.
    public static func pullRequest(_ repository: String, _ number: Int, title: String) -> CatalogSource {
        CatalogSource(
            kind: .pullRequest, title: title, reference: "\(repository)#\(number)",
            url: "https://github.com/\(repository)/pull/\(number)")
    }

    /// A documentation page, named by its repository path or site address.
    public static func documentation(_ reference: String, title: String, url: String? = nil) -> CatalogSource {
        CatalogSource(kind: .documentation, title: title, reference: reference, url: url)
    }

    /// A section of the project's research notes, `shared/reference/KEDA-FACTS.md`.
    public static func researchNotes(section: String, title: String) -> CatalogSource {
        CatalogSource(kind: .researchNotes, title: title, reference: "shared/reference/KEDA-FACTS.md \(section)")
    }

    /// `title (reference)`, the form a text report prints.
    public var description: String { "\(title) (\(reference))" }

    /// Orders by reference, then title, so lists of sources print deterministically.
    public static func < (lhs: CatalogSource, rhs: CatalogSource) -> Bool {
        (lhs.reference, lhs.title) < (rhs.reference, rhs.title)
    }
}
