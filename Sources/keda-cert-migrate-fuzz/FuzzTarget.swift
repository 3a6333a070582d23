import CertMigration
import Foundation

/// One input through the whole pipeline: parse -> understand -> decide -> render -> generate (validated).
///
/// The bytes are a values file, or values layers and a facts file joined as `FuzzInputFiles` reads them; without a
/// facts part the facts are fixed and name everything, so that every stage runs. Any crash, trap or sanitizer report
/// is a finding; refusals (errors) are the expected outcome for most inputs.
enum FuzzPipeline {
    static let facts = InputFile(
        name: "facts.yaml",
        bytes: Array(
            """
            kubernetes: {version: v1.28.9-eks-036c24b}
            keda: {version: 2.16.1, chartVersion: 2.16.1, namespace: keda}
            certManager: {installed: false}
            gitops: argocd
            certificateSecret: {exists: true, notAfter: 2030-09-14T08:12:00Z}
            apiService: {available: false}
            """.utf8))
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func run(_ bytes: [UInt8]) {
        let files = FuzzInputFiles(bytes, defaultFacts: facts)
        let (input, diagnostics) = MigrationInputReader.read(values: files.values, facts: files.facts, now: now)
        for diagnostic in diagnostics { _ = diagnostic.description }
        guard let input else { return }
        let plan = PlanDecider.plan(input)
        _ = PlanTextRenderer().render(plan)
        _ = PlanMarkdownRenderer().render(plan)
        _ = PlanReport(plan).json()
        _ = try? MigrationGenerator().generate(input, plan: plan)
    }
}

#if FUZZING
    /// libFuzzer's entry point (`swift build --sanitize fuzzer -Xswiftc -DFUZZING`).
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        FuzzPipeline.run(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
#else
    /// Without the fuzzer: runs each file named on the command line once (to replay a crash).
    @main
    struct FuzzReplay {
        static func main() throws {
            for path in CommandLine.arguments.dropFirst() {
                FuzzPipeline.run([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
                print("ok \(path)")
            }
        }
    }
#endif
