import Testing

@testable import CertMigration

/// The advice's commands and details are written by `String.concatenating(_:)`, which copies its pieces into one
/// string: it must give what the pieces joined give, whatever they hold.
@Suite struct AdviceWriterTests {
    @Test(
        "concatenating(_:) is its pieces end to end",
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
        case 0: #expect(String.concatenating() == expected)
        case 1: #expect(String.concatenating(pieces[0]) == expected)
        case 3: #expect(String.concatenating(pieces[0], pieces[1], pieces[2]) == expected)
        case 4: #expect(String.concatenating(pieces[0], pieces[1], pieces[2], pieces[3]) == expected)
        default:
            let rest = pieces[5...].joined()
            #expect(String.concatenating(pieces[0], pieces[1], pieces[2], pieces[3], pieces[4], rest) == expected)
        }
    }

    @Test("concatenating(_:) copies a piece that is a slice of a larger string, and one bridged from a substring")
    func textCopiesSlices() {
        let line = "metadata: keda-operator-metrics-apiserver"
        let name = String(line.dropFirst(10))
        let namespace = String(Substring("--keda--").dropFirst(2).dropLast(2))
        #expect(
            String.concatenating("kubectl get deployment/", name, " -n ", namespace)
                == "kubectl get deployment/keda-operator-metrics-apiserver -n keda")
    }

    @Test("withUTF8Bytes lends a string's and a substring's UTF-8, whatever it holds")
    func withUTF8BytesLendsTheText() {
        for text in ["", "keda", "→ é 🛠", String(repeating: "long text ", count: 10)] {
            #expect(text.withUTF8Bytes { Array($0) } == Array(text.utf8))
            let inner = ("«" + text + "»").dropFirst().dropLast()
            #expect(inner.withUTF8Bytes { Array($0) } == Array(text.utf8))
        }
    }
}
