import Foundation

/// Reads when an X.509 certificate expires (`TBSCertificate.validity.notAfter`) from PEM or DER, reading only the
/// DER structure on the way there; nothing else of the certificate, and nothing of any private key, is looked at.
public enum CertificateExpiry {
    /// Why no expiry could be read.
    public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong, in words.
        public var description: String
    }

    /// The `notAfter` of the first certificate in a PEM text, as an RFC 3339 UTC timestamp (`2034-11-02T10:00:00Z`).
    ///
    /// Only `-----BEGIN CERTIFICATE-----` blocks are read; a bundle's later certificates (an intermediate, the CA)
    /// are ignored.
    public static func notAfter(pem: [UInt8]) throws(ReadError) -> String {
        let text = String(decoding: pem, as: UTF8.self)
        guard let begin = text.range(of: "-----BEGIN CERTIFICATE-----") else {
            throw ReadError(description: "it holds no `-----BEGIN CERTIFICATE-----` block")
        }
        guard let end = text.range(of: "-----END CERTIFICATE-----", range: begin.upperBound..<text.endIndex) else {
            throw ReadError(description: "its first certificate has no `-----END CERTIFICATE-----` line")
        }
        let body = text[begin.upperBound..<end.lowerBound].filter { !$0.isWhitespace }
        guard let der = Data(base64Encoded: String(body)) else {
            throw ReadError(description: "its first certificate is not valid base64")
        }
        return try notAfter(der: [UInt8](der))
    }

    /// The `notAfter` of a DER-encoded certificate, as an RFC 3339 UTC timestamp.
    public static func notAfter(der: [UInt8]) throws(ReadError) -> String {
        var reader = DERReader(bytes: der[...])
        var certificate = try reader.enter(tag: 0x30, "the certificate")
        var tbs = try certificate.enter(tag: 0x30, "TBSCertificate")
        if tbs.peekTag == 0xA0 { try tbs.skip("the version") }
        try tbs.skip("the serial number", tag: 0x02)
        try tbs.skip("the signature algorithm", tag: 0x30)
        try tbs.skip("the issuer", tag: 0x30)
        var validity = try tbs.enter(tag: 0x30, "the validity")
        _ = try validity.time("notBefore")
        return try validity.time("notAfter")
    }
}

/// Walks DER tag-length-value elements, refusing anything that runs past its end.
private struct DERReader {
    var bytes: ArraySlice<UInt8>

    var peekTag: UInt8? { bytes.first }

    /// The next element's tag and contents, moving past it.
    mutating func next(_ what: String) throws(CertificateExpiry.ReadError) -> (tag: UInt8, contents: ArraySlice<UInt8>)
    {
        guard let tag = bytes.first, bytes.count >= 2 else { throw broken(what, "the data ends") }
        var index = bytes.startIndex + 1
        let first = bytes[index]
        index += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard (1...4).contains(count), bytes.endIndex - index >= count else {
                throw broken(what, "its length is malformed")
            }
            for byte in bytes[index..<index + count] { length = length << 8 | Int(byte) }
            index += count
        }
        guard bytes.endIndex - index >= length else { throw broken(what, "it runs past the end of the data") }
        let contents = bytes[index..<index + length]
        bytes = bytes[(index + length)...]
        return (tag, contents)
    }

    /// A reader over the next element's contents, which must carry `tag`.
    mutating func enter(tag: UInt8, _ what: String) throws(CertificateExpiry.ReadError) -> DERReader {
        let element = try next(what)
        guard element.tag == tag else { throw broken(what, "found tag 0x\(String(element.tag, radix: 16))") }
        return DERReader(bytes: element.contents)
    }

    /// Moves past the next element, which must carry `tag` when one is given.
    mutating func skip(_ what: String, tag: UInt8? = nil) throws(CertificateExpiry.ReadError) {
        let element = try next(what)
        if let tag, element.tag != tag { throw broken(what, "found tag 0x\(String(element.tag, radix: 16))") }
    }

    /// A UTCTime (`YYMMDDHHMMSSZ`, years 1950 to 2049) or GeneralizedTime (`YYYYMMDDHHMMSSZ`) as RFC 3339.
    mutating func time(_ what: String) throws(CertificateExpiry.ReadError) -> String {
        let element = try next(what)
        let text = String(decoding: element.contents, as: UTF8.self)
        var digits = Substring(text)
        guard digits.last == "Z" else { throw broken(what, "`\(text)` is not a UTC time") }
        digits = digits.dropLast()
        var year: String
        switch element.tag {
        case 0x17:
            guard digits.count == 12 else { throw broken(what, "`\(text)` is not YYMMDDHHMMSSZ") }
            let short = Int(digits.prefix(2)) ?? -1
            year = (short >= 50 ? "19" : "20") + digits.prefix(2)
            digits = digits.dropFirst(2)
        case 0x18:
            guard digits.count == 14 else { throw broken(what, "`\(text)` is not YYYYMMDDHHMMSSZ") }
            year = String(digits.prefix(4))
            digits = digits.dropFirst(4)
        default:
            throw broken(what, "found tag 0x\(String(element.tag, radix: 16)), not a time")
        }
        guard (year + digits).allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw broken(what, "`\(text)` holds something other than digits")
        }
        let parts = stride(from: 0, to: 10, by: 2).map { offset in
            digits.dropFirst(offset).prefix(2)
        }
        let stamp = "\(year)-\(parts[0])-\(parts[1])T\(parts[2]):\(parts[3]):\(parts[4])Z"
        guard let normalized = Timestamp.normalizedUTC(stamp) else { throw broken(what, "`\(text)` is not a date") }
        return normalized
    }

    private func broken(_ what: String, _ reason: String) -> CertificateExpiry.ReadError {
        CertificateExpiry.ReadError(description: "the certificate's DER cannot be read at \(what): \(reason)")
    }
}
