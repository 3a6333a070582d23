/// The few fields of `kubectl get ... -o json` output the tool reads; everything else is ignored, so the shapes
/// of kubectl 1.26 to 1.31 (and later) all decode.
enum KubernetesObjectShapes {
    /// `metadata`.
    struct Metadata: Decodable {
        var name: String?
        var namespace: String?
        var labels: [String: String]?
    }

    /// A single object, or a `List` of them (as `kubectl get ... -l ... -o json` prints): its `items`.
    struct ObjectOrList<Object: Decodable>: Decodable {
        var objects: [Object]

        private enum Keys: String, CodingKey { case kind, items }

        init(from decoder: any Decoder) throws {
            let keyed = try decoder.container(keyedBy: Keys.self)
            let kind = try keyed.decodeIfPresent(String.self, forKey: .kind) ?? ""
            if kind == "List" || kind.hasSuffix("List"), keyed.contains(.items) {
                objects = try keyed.decodeIfPresent([Object].self, forKey: .items) ?? []
            } else {
                objects = [try Object(from: decoder)]
            }
        }
    }

    /// A Deployment: labels, containers, and how many replicas are ready.
    struct Deployment: Decodable {
        var metadata: Metadata?
        var spec: Spec?
        var status: Status?

        struct Spec: Decodable { var template: Template? }
        struct Template: Decodable { var spec: PodSpec? }
        struct PodSpec: Decodable { var containers: [Container]? }
        struct Container: Decodable {
            var name: String?
            var image: String?
            var command: [String]?
            var args: [String]?
        }
        struct Status: Decodable {
            var replicas: Int?
            var readyReplicas: Int?
        }

        /// The container named `name`, else the first.
        func container(named name: String) -> Container? {
            let containers = spec?.template?.spec?.containers ?? []
            return containers.first { $0.name == name } ?? containers.first
        }
    }

    /// `kubectl version -o json`.
    struct VersionOutput: Decodable {
        var serverVersion: Info?
        struct Info: Decodable { var gitVersion: String? }
    }

    /// A CustomResourceDefinition (`kubectl get crd -o json` lists them).
    struct CustomResourceDefinition: Decodable {
        var metadata: Metadata?
    }

    /// One entry of `helm list -A -o json`.
    struct HelmRelease: Decodable {
        var name: String
        var namespace: String
        var chart: String
        var status: String?
    }

    /// A Secret: its data, base64 by key.
    struct Secret: Decodable {
        var metadata: Metadata?
        var data: [String: String]?
    }

    /// An APIService: `insecureSkipTLSVerify` and its conditions.
    struct APIService: Decodable {
        var metadata: Metadata?
        var spec: Spec?
        var status: Status?
        struct Spec: Decodable {
            var insecureSkipTLSVerify: Bool?
            var service: Service?
            struct Service: Decodable {
                var name: String?
                var namespace: String?
            }
        }
        struct Status: Decodable { var conditions: [Condition]? }
        struct Condition: Decodable {
            var type: String
            var status: String
            var reason: String?
            var message: String?
        }
    }
}
