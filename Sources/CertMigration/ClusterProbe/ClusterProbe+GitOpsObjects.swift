extension ClusterProbe {
    /// `kubectl get applications.argoproj.io -A -o name` and `kubectl get helmreleases.helm.toolkit.fluxcd.io -A -o
    /// name`, one `kind.group/name` a line: Argo CD Applications mean argocd, Flux HelmReleases flux, none of them
    /// none. When both exist, the kind with an object whose name mentions keda is taken; if that does not decide,
    /// the fact stays unknown.
    static func readGitOpsObjects(_ output: CapturedOutput, into probed: inout ProbedFacts) {
        var argo: [String] = []
        var flux: [String] = []
        for line in output.lines {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let resource = line[..<slash].lowercased()
            let name = String(line[line.index(after: slash)...])
            if resource == "application.argoproj.io" || resource == "applications.argoproj.io" {
                argo.append(name)
            } else if resource == "helmrelease.helm.toolkit.fluxcd.io"
                || resource == "helmreleases.helm.toolkit.fluxcd.io"
            {
                flux.append(name)
            }
        }
        let mentionsKeda: ([String]) -> Bool = { names in names.contains { $0.lowercased().contains("keda") } }
        let tool: GitOpsTool?
        switch (argo.isEmpty, flux.isEmpty) {
        case (true, true): tool = GitOpsTool.none
        case (false, true): tool = .argocd
        case (true, false): tool = .flux
        case (false, false):
            tool =
                mentionsKeda(argo) == mentionsKeda(flux) ? nil : mentionsKeda(argo) ? .argocd : .flux
        }
        guard let tool else {
            probed.unknown(
                .gitops, "\(output.name) lists both Argo CD Applications and Flux HelmReleases: set gitops yourself")
            return
        }
        give(\.gitops, tool, from: output.origin, into: &probed)
        let names = tool == .argocd ? argo : tool == .flux ? flux : []
        if !names.isEmpty, !mentionsKeda(names) {
            probed.remarks.append(
                "gitops is \(tool.rawValue) because \(output.name) lists its objects, but none is named after keda: "
                    + "check that it applies KEDA")
        }
    }
}
