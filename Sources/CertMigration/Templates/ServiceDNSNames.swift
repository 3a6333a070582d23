/// The DNS names a serving certificate lists for in-cluster services.
public enum ServiceDNSNames {
    /// For each service in order: `svc`, `svc.ns`, `svc.ns.svc` and `svc.ns.svc.<clusterDomain>`.
    ///
    /// The KEDA chart's leaf Certificate (2.10.2+) lists the last three forms for the operator, the metrics API
    /// server and the admission webhook services; the bare service name is added so a client in the same namespace
    /// that dials the short name also verifies.
    public static func names(services: [String], namespace: String, clusterDomain: String) -> [String] {
        services.flatMap { service in
            [
                service, "\(service).\(namespace)", "\(service).\(namespace).svc",
                "\(service).\(namespace).svc.\(clusterDomain)",
            ]
        }
    }
}
