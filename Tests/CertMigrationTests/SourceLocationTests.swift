import Testing

@testable import CertMigration

@Suite("Source locations and fact origins as a report writes them")
struct SourceLocationTests {
    @Test(
        "file, then line, then column, as much as is known",
        arguments: [
            (FileLocation(file: "values.yaml", line: 41, column: 5), "values.yaml:41:5"),
            (FileLocation(file: "values.yaml", line: 41), "values.yaml:41"),
            (FileLocation(file: "values.yaml", line: 0, column: 3), "values.yaml:0"),
            (FileLocation(file: "--kubernetes-version"), "--kubernetes-version"),
            (FileLocation(file: "dir/é.yaml", line: 123_456, column: -1), "dir/é.yaml:123456:-1"),
            (FileLocation(file: "", line: 1, column: 1), ":1:1"),
        ])
    func description(location: FileLocation, text: String) {
        #expect(location.description == text)
    }

    @Test("a fact's origin: the place in a file, the flag, the command in backticks, or what it was derived from")
    func factOrigin() {
        #expect(FactOrigin.file(FileLocation(file: "facts.yaml", line: 3, column: 12)).description == "facts.yaml:3:12")
        #expect(FactOrigin.flag("--keda-version").description == "--keda-version")
        #expect(FactOrigin.command("kubectl version -o json").description == "`kubectl version -o json`")
        #expect(FactOrigin.derived("the version").description == "derived from the version")
    }
}
