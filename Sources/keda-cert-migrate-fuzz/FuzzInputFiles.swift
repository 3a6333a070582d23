import CertMigration

/// One fuzz input cut into the files the pipeline reads: values layers and a facts file.
///
/// A line that is exactly `#%values` starts another values layer, and a line `#%facts` starts the facts file (a
/// trailing `\r` is allowed). Both are YAML comments, so an input without them is one plain values file, read with
/// `defaultFacts`. The seeds that scripts/fuzz.sh builds from the golden and catalog cases join each case's files
/// this way, so that libFuzzer mutates facts (versions, cert-manager, GitOps) as well as values.
struct FuzzInputFiles {
    /// The values layers, in order (the later overrides the earlier), named `values-1.yaml`, `values-2.yaml`, ...
    var values: [InputFile]
    /// The facts file: the `#%facts` part, or `defaultFacts` when the input has none.
    var facts: InputFile

    /// The line that starts another values layer.
    static let valuesMarker = Array("#%values".utf8)
    /// The line that starts the facts file; a `#%values` line after it is part of the facts.
    static let factsMarker = Array("#%facts".utf8)

    /// Cuts `bytes` at the marker lines; `defaultFacts` is the facts file when there is no `#%facts` line.
    init(_ bytes: [UInt8], defaultFacts: InputFile) {
        var valuesParts: [[UInt8]] = [[]]
        var factsPart: [UInt8]?
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            var content = line
            if content.last == UInt8(ascii: "\n") { content = content.dropLast() }
            if content.last == UInt8(ascii: "\r") { content = content.dropLast() }
            if content.elementsEqual(Self.factsMarker) {
                factsPart = []
            } else if content.elementsEqual(Self.valuesMarker), factsPart == nil {
                valuesParts.append([])
            } else if factsPart != nil {
                factsPart! += line
            } else {
                valuesParts[valuesParts.count - 1] += line
            }
            lineStart = lineEnd
        }
        values = valuesParts.enumerated().map { InputFile(name: "values-\($0.offset + 1).yaml", bytes: $0.element) }
        facts = factsPart.map { InputFile(name: "facts.yaml", bytes: $0) } ?? defaultFacts
    }
}
