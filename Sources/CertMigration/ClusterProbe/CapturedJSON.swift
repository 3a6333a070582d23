import Foundation
import YAMLKit

/// Decodes the JSON of a ``CapturedOutput`` into the few fields the tool reads, with errors that name the output
/// and, for malformed text, the line and column.
enum CapturedJSON {
    /// The decoded value, or an error naming the output.
    static func decode<Shape: Decodable>(_ shape: Shape.Type, from output: CapturedOutput) -> Result<Shape, Diagnostic>
    {
        let data = Data(output.bytes)
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            return .failure(malformed(output, error as NSError))
        }
        do {
            return .success(try JSONDecoder().decode(Shape.self, from: data))
        } catch let error as DecodingError {
            return .failure(unexpectedShape(output, error))
        } catch {
            return .failure(problem(output, "cannot be read: \(error.localizedDescription)", location: nil))
        }
    }

    /// The byte offset Foundation gives for a syntax error: `NSJSONSerializationErrorIndex` where it is set
    /// (Darwin), else the `around character N` of the message (Linux), else the end of the text for an early end.
    static func errorOffset(_ error: NSError, byteCount: Int) -> Int? {
        if let index = error.userInfo["NSJSONSerializationErrorIndex"] as? Int { return index }
        let message = error.userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
        if let range = message.range(of: "around character ") {
            let digits = message[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if let offset = Int(digits) { return offset }
        }
        if message.contains("end of file") || message.contains("Unexpected end") { return byteCount }
        return nil
    }

    private static func malformed(_ output: CapturedOutput, _ error: NSError) -> Diagnostic {
        let text = SourceText(output.bytes)
        // A command's stdout is nowhere the user can open: name the command, not a place in its output.
        let offset = output.origin.location == nil ? nil : errorOffset(error, byteCount: output.bytes.count)
        let location = offset.map { offset in
            let position = text.position(ofOffset: min(max(offset, 0), output.bytes.count))
            return SourceLocation(file: output.name, line: position.line, column: position.column)
        }
        let detail = (error.userInfo[NSDebugDescriptionErrorKey] as? String).map { " (\($0))" } ?? ""
        var diagnostic = problem(output, "is not valid JSON" + (location == nil ? detail : ""), location: location)
        diagnostic.id = "captured.malformed-json"
        return diagnostic
    }

    private static func unexpectedShape(_ output: CapturedOutput, _ error: DecodingError) -> Diagnostic {
        let (path, reason): ([any CodingKey], String) =
            switch error {
            case .typeMismatch(let type, let context): (context.codingPath, "expected \(describe(type))")
            case .valueNotFound(let type, let context): (context.codingPath, "expected \(describe(type)), found null")
            case .keyNotFound(let key, let context): (context.codingPath + [key], "is missing")
            case .dataCorrupted(let context): (context.codingPath, context.debugDescription)
            @unknown default: ([], "has an unexpected shape")
            }
        let place = path.isEmpty ? "the top level" : "`\(dotted(path))`"
        return problem(output, "does not look like the expected output: \(place) \(reason)", location: nil)
    }

    private static func problem(_ output: CapturedOutput, _ message: String, location: SourceLocation?) -> Diagnostic {
        let place = location ?? output.origin.location
        return Diagnostic(
            id: "captured.unexpected-shape", severity: .error,
            message: place == nil ? "\(output.name) \(message)" : "this \(message)", location: place,
            fix: "capture it again with the command the README lists for this file (its `-o json` output unchanged)")
    }

    private static func dotted(_ path: [any CodingKey]) -> String {
        String(path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined().trimmingPrefix("."))
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Double.Type: "a number"
        case is [Any].Type: "a list"
        default: "an object"
        }
    }
}
