import Foundation
import Testing

@testable import CertMigration

@Suite("ClusterProbe: a certificate's notAfter read from its DER")
struct ClusterProbeCertificateTests {
    /// `openssl req -x509 -newkey ec -days 3650`: notAfter is a UTCTime, `Nov 22 18:01:29 2036 GMT`.
    static let utcTimeCertificate = """
        -----BEGIN CERTIFICATE-----
        MIIBtTCCAVugAwIBAgIUILZvfwfPXOkokWDMjwdhzZE+FFgwCgYIKoZIzj0EAwIw
        MDENMAsGA1UECgwES0VEQTEfMB0GA1UEAwwWa2VkYS1vcGVyYXRvci5rZWRhLnN2
        YzAeFw0yNjExMjUxODAxMjlaFw0zNjExMjIxODAxMjlaMDAxDTALBgNVBAoMBEtF
        REExHzAdBgNVBAMMFmtlZGEtb3BlcmF0b3Iua2VkYS5zdmMwWTATBgcqhkjOPQIB
        BggqhkjOPQMBBwNCAARkXMvoQn9ogGKRBXiIjcegWvbk1XF6+EJUoL8JT1HGt/l2
        qk0S8OEvCTxyCMoHlY9GWoLfEfrSYkekXkMdIGJno1MwUTAdBgNVHQ4EFgQUTUQQ
        xjc0/I0sDTqWgQtZQb1CCTQwHwYDVR0jBBgwFoAUTUQQxjc0/I0sDTqWgQtZQb1C
        CTQwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAyOAlAiY8sdEL
        VFSGzY4uDDtLvn3d0zz6OoFmFwo5ze8CICdRXFmAnJF7PaGGANEpUfyMfa10Gxe5
        XlUHE/ugXUiR
        -----END CERTIFICATE-----
        """

    /// `openssl req -x509 -newkey ec -days 10000`: notAfter is a GeneralizedTime, `Apr 12 18:01:29 2054 GMT`.
    static let generalizedTimeCertificate = """
        -----BEGIN CERTIFICATE-----
        MIIBmDCCAT+gAwIBAgIUaljvrHOCWfSluXxvadd3tP4W52wwCgYIKoZIzj0EAwIw
        ITEfMB0GA1UEAwwWa2VkYS1vcGVyYXRvci5rZWRhLnN2YzAgFw0yNjExMjUxODAx
        MjlaGA8yMDU0MDQxMjE4MDEyOVowITEfMB0GA1UEAwwWa2VkYS1vcGVyYXRvci5r
        ZWRhLnN2YzBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABA7UNeZRMxSiuq3Pzotk
        5/Or7a72xq++rYkNczC4jXmlwRib8DYpoNfHqaH1MaLVHBkTxK9/FXmby5VsIrxo
        gi6jUzBRMB0GA1UdDgQWBBQvJaQsi9dvPICG8wfZbeL9cqeYjTAfBgNVHSMEGDAW
        gBQvJaQsi9dvPICG8wfZbeL9cqeYjTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49
        BAMCA0cAMEQCID6rjeMIe2WvQONS2P/ho+qX1rXDfpQedUCQQ0eEPX0SAiB7YL+L
        MSLZpU59bUIYjrR4w6Y5NxFk4EZQovt7Mia2bg==
        -----END CERTIFICATE-----
        """

    /// A DER element: tag, length (short or long form), contents.
    static func element(_ tag: UInt8, _ contents: [UInt8]) -> [UInt8] {
        let count = contents.count
        let length: [UInt8] = count < 0x80 ? [UInt8(count)] : [0x82, UInt8(count >> 8), UInt8(count & 0xFF)]
        return [tag] + length + contents
    }

    /// A certificate cut down to what the reader walks: version, serial, algorithm, issuer, validity.
    static func skeleton(notBefore: (UInt8, String), notAfter: (UInt8, String), padding: Int = 0) -> [UInt8] {
        let validity = element(
            0x30, element(notBefore.0, Array(notBefore.1.utf8)) + element(notAfter.0, Array(notAfter.1.utf8)))
        let issuer = element(0x30, [UInt8](repeating: 0x05, count: padding))
        let tbs = element(
            0x30, element(0xA0, element(0x02, [2])) + element(0x02, [1]) + element(0x30, []) + issuer + validity)
        return element(0x30, tbs)
    }

    @Test("a UTCTime notAfter, as openssl writes it up to 2049")
    func utcTime() throws {
        #expect(try CertificateExpiry.notAfter(pem: Array(Self.utcTimeCertificate.utf8)) == "2036-11-22T18:01:29Z")
    }

    @Test("a GeneralizedTime notAfter, as openssl writes it from 2050")
    func generalizedTime() throws {
        #expect(
            try CertificateExpiry.notAfter(pem: Array(Self.generalizedTimeCertificate.utf8)) == "2054-04-12T18:01:29Z")
    }

    @Test("a bundle: the first certificate counts, whichever expires first")
    func bundle() throws {
        let bundle = Self.generalizedTimeCertificate + "\n" + Self.utcTimeCertificate + "\n"
        #expect(try CertificateExpiry.notAfter(pem: Array(bundle.utf8)) == "2054-04-12T18:01:29Z")
        let reversed = Self.utcTimeCertificate + "\n" + Self.generalizedTimeCertificate + "\n"
        #expect(try CertificateExpiry.notAfter(pem: Array(reversed.utf8)) == "2036-11-22T18:01:29Z")
    }

    @Test(
        "UTCTime years 50 to 99 are 1950 to 1999, 00 to 49 are 2000 to 2049; long-form lengths read",
        arguments: [
            ("491231235959Z", "2049-12-31T23:59:59Z"), ("500101000000Z", "1950-01-01T00:00:00Z"),
            ("000229120000Z", "2000-02-29T12:00:00Z"),
        ])
    func utcTimePivot(text: String, expected: String) throws {
        let der = Self.skeleton(notBefore: (0x17, "200101000000Z"), notAfter: (0x17, text), padding: 300)
        #expect(try CertificateExpiry.notAfter(der: der) == expected)
    }

    @Test(
        "what is not a certificate is refused with the place it broke",
        arguments: [
            (
                [UInt8]([0x30, 0x05, 0x30, 0x03]),
                "the certificate's DER cannot be read at the certificate: it runs past the end of the data"
            ),
            ([0x31, 0x00], "the certificate's DER cannot be read at the certificate: found tag 0x31"),
            ([0x30, 0x89, 0x00], "the certificate's DER cannot be read at the certificate: its length is malformed"),
            (
                skeleton(notBefore: (0x17, "200101000000Z"), notAfter: (0x17, "2001010000Z")),
                "the certificate's DER cannot be read at notAfter: `2001010000Z` is not YYMMDDHHMMSSZ"
            ),
            (
                skeleton(notBefore: (0x17, "200101000000Z"), notAfter: (0x18, "20301301000000Z")),
                "the certificate's DER cannot be read at notAfter: `20301301000000Z` is not a date"
            ),
            (
                skeleton(notBefore: (0x17, "200101000000Z"), notAfter: (0x18, "20300101000000+0100")),
                "the certificate's DER cannot be read at notAfter: `20300101000000+0100` is not a UTC time"
            ),
            (
                skeleton(notBefore: (0x17, "200101000000Z"), notAfter: (0x0C, "20300101000000Z")),
                "the certificate's DER cannot be read at notAfter: found tag 0xc, not a time"
            ),
        ])
    func refused(der: [UInt8], message: String) {
        #expect(throws: CertificateExpiry.ReadError(description: message)) { try CertificateExpiry.notAfter(der: der) }
    }

    @Test("PEM without a certificate block, cut short, or with broken base64 is refused")
    func badPEM() {
        #expect(throws: CertificateExpiry.ReadError(description: "it holds no `-----BEGIN CERTIFICATE-----` block")) {
            try CertificateExpiry.notAfter(pem: Array("-----BEGIN EC PRIVATE KEY-----\n".utf8))
        }
        let cut = String(Self.utcTimeCertificate.prefix(200))
        #expect(
            throws: CertificateExpiry.ReadError(
                description: "its first certificate has no `-----END CERTIFICATE-----` line")
        ) {
            try CertificateExpiry.notAfter(pem: Array(cut.utf8))
        }
        let broken = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"
        #expect(throws: CertificateExpiry.ReadError(description: "its first certificate is not valid base64")) {
            try CertificateExpiry.notAfter(pem: Array(broken.utf8))
        }
    }

    @Test("a secret whose tls.crt cannot be read: the secret exists, its expiry is unknown, a warning says why")
    func unreadableSecretCertificate() {
        let tls = Data("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n".utf8).base64EncodedString()
        let secret = CapturedOutput(
            file: "kedaorg-certs.json",
            bytes: Array(
                #"{"kind": "Secret", "metadata": {"name": "kedaorg-certs"}, "data": {"tls.crt": "\#(tls)"}}"#.utf8))
        let probed = ClusterProbe.read([.certificateSecret: .output(secret)])
        #expect(probed.facts.certificateSecretExists?.value == true)
        #expect(probed.facts.certificateNotAfter == nil)
        #expect(probed.diagnostics.map(\.severity) == [.warning])
        #expect(
            probed.unknownReasons[.certificateNotAfter]
                == "the secret's tls.crt cannot be read: the certificate's DER cannot be read at TBSCertificate: the data ends"
        )
    }
}
