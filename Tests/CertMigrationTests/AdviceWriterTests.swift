import Testing

@testable import CertMigration

/// The advice's commands and details are written by `AdviceWriter.text(_:)`, which copies its pieces into one
/// string: it must give what the pieces joined give, whatever they hold.
@Suite struct AdviceWriterTests {
    @Test(
        "text(_:) is its pieces end to end",
        arguments: [
            [],
            [""],
            ["", "", ""],
            ["kubectl rollout restart deployment/", "keda-operator", " -n ", "keda"],
            ["short", String(repeating: "a long piece of text ", count: 20), "→ é 🛠", "\u{0}\n\"\\"],
            ["a", "bc", "def", "ghij", "klmno", "pqrstuvw", "xyz0123456789ABCDEF", "é"],
        ])
    func textJoinsItsPieces(pieces: [String]) {
        let expected = pieces.joined()
        switch pieces.count {
        case 0: #expect(AdviceWriter.text() == expected)
        case 1: #expect(AdviceWriter.text(pieces[0]) == expected)
        case 3: #expect(AdviceWriter.text(pieces[0], pieces[1], pieces[2]) == expected)
        case 4: #expect(AdviceWriter.text(pieces[0], pieces[1], pieces[2], pieces[3]) == expected)
        default:
            let rest = pieces[5...].joined()
            #expect(AdviceWriter.text(pieces[0], pieces[1], pieces[2], pieces[3], pieces[4], rest) == expected)
        }
    }

    @Test("text(_:) copies a piece that is a slice of a larger string, and one bridged from a substring")
    func textCopiesSlices() {
        let line = "metadata: keda-operator-metrics-apiserver"
        let name = String(line.dropFirst(10))
        let namespace = String(Substring("--keda--").dropFirst(2).dropLast(2))
        #expect(
            AdviceWriter.text("kubectl get deployment/", name, " -n ", namespace)
                == "kubectl get deployment/keda-operator-metrics-apiserver -n keda")
    }
}
