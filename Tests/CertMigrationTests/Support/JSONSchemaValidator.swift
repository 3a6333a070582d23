import Foundation
import YAMLKit

/// A JSON value as a JSON Schema sees it.
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// A manifest as Kubernetes reads it (numbers are JSON numbers, as after sigs.k8s.io/yaml).
    init(_ value: HelmValue) {
        switch value.content {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .sequence(let items): self = .array(items.map(JSONValue.init))
        case .mapping(let entries): self = .object(entries.mapValues(JSONValue.init))
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let entries) = self { return entries[key] }
        return nil
    }
}

/// A test-only JSON Schema validator: exactly the keywords the cert-manager schema files in
/// `../shared/reference/schemas/cert-manager/*/json/` use, so tests can check generated manifests against them
/// without Python.
///
/// Validation keywords: `type` (one name or a list), `properties`, `required`, `additionalProperties` (a boolean or a
/// schema), `items` (one schema), `enum`, `const`, `pattern` (ICU regular expressions, unanchored as in JSON Schema),
/// `minLength` / `maxLength` (in Unicode code points), `minimum` / `maximum`, `format: date-time` (RFC 3339),
/// `allOf`, `anyOf`, `oneOf`, `if` / `then` / `else`, and `$ref` to another file (relative to the referring file)
/// and/or a local `#/...` JSON pointer. Read and ignored, as annotations: `description`, `default`, `$schema`,
/// `$comment`, the `x-kubernetes-*` extensions, and the formats `int32`, `int64` and `byte`.
/// Anything else in a schema is a test failure (`unsupportedKeywords`), so a new keyword cannot be skipped silently.
struct JSONSchemaValidator {
    /// One failed rule: the instance path (`spec.issuerRef.name`, `spec.usages[0]`) and what failed.
    struct Failure: Equatable, CustomStringConvertible {
        var path: String
        var message: String
        var description: String { "\(path.isEmpty ? "(root)" : path): \(message)" }
    }

    static let validationKeywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "pattern", "minLength",
        "maxLength", "minimum", "maximum", "format", "allOf", "anyOf", "oneOf", "if", "then", "else", "$ref",
    ]
    static let annotationKeywords: Set<String> = ["description", "default", "$schema", "$comment"]

    /// Every keyword used in a schema document (keys of schema objects, not property names), to check coverage.
    static func keywords(in schema: JSONValue) -> Set<String> {
        guard case .object(let keywords) = schema else { return [] }
        var found = Set(keywords.keys)
        if case .object(let properties) = keywords["properties"] {
            for property in properties.values { found.formUnion(Self.keywords(in: property)) }
        }
        for key in ["items", "additionalProperties", "if", "then", "else"] {
            if let subschema = keywords[key] { found.formUnion(Self.keywords(in: subschema)) }
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            if case .array(let subschemas) = keywords[key] {
                for subschema in subschemas { found.formUnion(Self.keywords(in: subschema)) }
            }
        }
        return found
    }

    /// True when the validator implements or deliberately ignores a keyword.
    static func knows(_ keyword: String) -> Bool {
        validationKeywords.contains(keyword) || annotationKeywords.contains(keyword)
            || keyword.hasPrefix("x-kubernetes-")
    }

    private var documents: [URL: JSONValue] = [:]
    /// Keywords met in a schema that this validator does not implement (must stay empty).
    private(set) var unsupportedKeywords: Set<String> = []

    /// Validates an instance against the schema file at `url`.
    mutating func validate(_ instance: JSONValue, against url: URL) throws -> [Failure] {
        let schema = try document(url)
        var failures: [Failure] = []
        try check(instance, schema, base: url, path: "", into: &failures)
        return failures
    }

    private mutating func document(_ url: URL) throws -> JSONValue {
        if let cached = documents[url] { return cached }
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
        documents[url] = value
        return value
    }

    private mutating func check(
        _ instance: JSONValue, _ schema: JSONValue, base: URL, path: String, into failures: inout [Failure]
    ) throws {
        if case .bool(let allowed) = schema {
            if !allowed { failures.append(Failure(path: path, message: "no value is allowed here")) }
            return
        }
        guard case .object(let keywords) = schema else { return }
        for key in keywords.keys where !Self.knows(key) { unsupportedKeywords.insert(key) }
        func fail(_ message: String, at failurePath: String = path) {
            failures.append(Failure(path: failurePath, message: message))
        }

        if case .string(let reference) = keywords["$ref"] {
            let (target, targetBase) = try resolve(reference, base: base)
            try check(instance, target, base: targetBase, path: path, into: &failures)
        }
        if let type = keywords["type"] {
            let names: [String] =
                switch type {
                case .string(let name): [name]
                case .array(let items): items.compactMap { if case .string(let name) = $0 { name } else { nil } }
                default: []
                }
            if !names.contains(where: { Self.instance(instance, hasType: $0) }) {
                fail("must be of type \(names.joined(separator: " or ")), not \(Self.typeName(instance))")
                return
            }
        }
        if case .array(let allowed) = keywords["enum"], !allowed.contains(instance) {
            fail("must be one of the enum values")
        }
        if let constant = keywords["const"], constant != instance {
            fail("must equal the const value")
        }
        if case .string(let text) = instance {
            let length = text.unicodeScalars.count
            if case .number(let minimum) = keywords["minLength"], Double(length) < minimum {
                fail("is shorter than \(Int(minimum))")
            }
            if case .number(let maximum) = keywords["maxLength"], Double(length) > maximum {
                fail("is longer than \(Int(maximum))")
            }
            if case .string(let pattern) = keywords["pattern"] {
                let expression = try NSRegularExpression(pattern: pattern)
                let range = NSRange(text.startIndex..., in: text)
                if expression.firstMatch(in: text, range: range) == nil { fail("does not match \(pattern)") }
            }
            if case .string("date-time") = keywords["format"], !Self.isDateTime(text) {
                fail("is not an RFC 3339 date-time")
            }
        }
        if case .number(let number) = instance {
            if case .number(let minimum) = keywords["minimum"], number < minimum { fail("is below \(minimum)") }
            if case .number(let maximum) = keywords["maximum"], number > maximum { fail("is above \(maximum)") }
        }
        if case .object(let entries) = instance {
            if case .array(let required) = keywords["required"] {
                for case .string(let name) in required where entries[name] == nil {
                    fail("is required", at: Self.join(path, name))
                }
            }
            let properties: [String: JSONValue] =
                if case .object(let properties) = keywords["properties"] { properties } else { [:] }
            for key in entries.keys.sorted() {
                if let propertySchema = properties[key] {
                    try check(entries[key]!, propertySchema, base: base, path: Self.join(path, key), into: &failures)
                } else if let additional = keywords["additionalProperties"] {
                    if case .bool(false) = additional {
                        fail("is not allowed (additionalProperties: false)", at: Self.join(path, key))
                    } else {
                        try check(entries[key]!, additional, base: base, path: Self.join(path, key), into: &failures)
                    }
                }
            }
        }
        if case .array(let items) = instance, let itemSchema = keywords["items"] {
            for (index, item) in items.enumerated() {
                try check(item, itemSchema, base: base, path: "\(path)[\(index)]", into: &failures)
            }
        }
        if case .array(let schemas) = keywords["allOf"] {
            for subschema in schemas { try check(instance, subschema, base: base, path: path, into: &failures) }
        }
        if case .array(let schemas) = keywords["anyOf"] {
            let matching = try schemas.filter { try matches(instance, $0, base: base) }.count
            if matching == 0 { fail("matches none of anyOf") }
        }
        if case .array(let schemas) = keywords["oneOf"] {
            let matching = try schemas.filter { try matches(instance, $0, base: base) }.count
            if matching != 1 { fail("matches \(matching) of oneOf, not exactly one") }
        }
        if let condition = keywords["if"] {
            let branch = try matches(instance, condition, base: base) ? keywords["then"] : keywords["else"]
            if let branch { try check(instance, branch, base: base, path: path, into: &failures) }
        }
    }

    private mutating func matches(_ instance: JSONValue, _ schema: JSONValue, base: URL) throws -> Bool {
        var failures: [Failure] = []
        try check(instance, schema, base: base, path: "", into: &failures)
        return failures.isEmpty
    }

    /// A `$ref`: an optional file relative to the referring one, then an optional `#/a/b` pointer.
    private mutating func resolve(_ reference: String, base: URL) throws -> (JSONValue, URL) {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let file =
            parts[0].isEmpty ? base : URL(fileURLWithPath: String(parts[0]), relativeTo: base).standardizedFileURL
        var target = try document(file)
        if parts.count == 2 {
            for token in parts[1].split(separator: "/") {
                let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                switch target {
                case .object(let entries) where entries[key] != nil: target = entries[key]!
                case .array(let items) where Int(key).map(items.indices.contains) == true: target = items[Int(key)!]
                default:
                    throw CocoaError(
                        .fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "bad $ref \(reference)"])
                }
            }
        }
        return (target, file)
    }

    private static func instance(_ instance: JSONValue, hasType name: String) -> Bool {
        switch (name, instance) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
            ("object", .object):
            true
        case ("integer", .number(let number)): number == number.rounded()
        default: false
        }
    }

    private static func typeName(_ instance: JSONValue) -> String {
        switch instance {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// RFC 3339 `date-time`: `2026-11-25T17:30:00Z`, with optional fraction and a `Z` or `±hh:mm` offset.
    private static func isDateTime(_ text: String) -> Bool {
        let pattern = #"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"#
        return text.range(of: pattern, options: .regularExpression) != nil
    }
}
