import Foundation

extension ClusterProbe {
    /// `kubectl get secret -n NS kedaorg-certs -o json`: whether it exists, and when the first certificate of its
    /// `tls.crt` expires. Only `tls.crt` is decoded; no other key of the secret is read, and nothing of it printed.
    static func readCertificateSecret(_ output: CapturedOutput, into probed: inout ProbedFacts) {
        if output.isBlank {
            give(\.certificateSecretExists, false, from: output.origin, into: &probed)
            probed.unknown(.certificateNotAfter, "the secret does not exist (\(output.name) is empty)")
            return
        }
        let keys = ClusterQuery.certificateSecret.factKeys
        typealias Secrets = KubernetesObjectShapes.ObjectOrList<KubernetesObjectShapes.Secret>
        guard let list = decode(Secrets.self, output, keys: keys, into: &probed) else { return }
        guard let secret = list.objects.first(where: { $0.metadata?.name == "kedaorg-certs" }) ?? list.objects.first
        else {
            give(\.certificateSecretExists, false, from: output.origin, into: &probed)
            probed.unknown(.certificateNotAfter, "the secret does not exist (\(output.name) lists none)")
            return
        }
        give(\.certificateSecretExists, true, from: output.origin, into: &probed)
        guard let encoded = secret.data?["tls.crt"] else {
            probed.unknown(.certificateNotAfter, "the secret has no tls.crt (\(output.name))")
            return
        }
        guard let pem = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
            probed.unknown(.certificateNotAfter, "the secret's tls.crt is not base64 (\(output.name))")
            return
        }
        do {
            let notAfter = try CertificateExpiry.notAfter(pem: [UInt8](pem))
            give(\.certificateNotAfter, notAfter, from: output.origin, into: &probed)
        } catch {
            probed.diagnostics.append(
                Diagnostic(
                    id: "captured.unreadable-certificate", severity: .warning,
                    message: "the secret's tls.crt cannot be read: \(error.description)",
                    location: output.origin.location, fix: "check the certificate with `openssl x509 -noout -enddate`"))
            probed.unknown(.certificateNotAfter, "the secret's tls.crt cannot be read: \(error.description)")
        }
    }
}
