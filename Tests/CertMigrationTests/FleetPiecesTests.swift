import CertMigration
import Foundation
import Testing

@Suite("Fleet index: clusters, layered values and facts, every problem at its line and column")
struct FleetIndexReaderTests {
    func read(_ text: String, folder: String = "repo") -> (clusters: [FleetCluster], messages: [String]) {
        let read = FleetIndexReader().read(bytes: Array(text.utf8), fileName: "fleet.yaml", folder: folder)
        return (read.clusters, read.diagnostics.map { "\($0.location!): \($0.message)" })
    }

    @Test("a path or a list of paths, relative to the index's folder unless absolute")
    func paths() {
        let (clusters, messages) = read(
            """
            clusters:
              - name: prod-eu
                values: [base.yaml, /abs/prod.yaml]
                facts: prod/facts.yaml
              - name: dev_1.a
                values: dev.yaml
            """)
        #expect(messages.isEmpty)
        #expect(clusters.map(\.name) == ["prod-eu", "dev_1.a"])
        #expect(clusters[0].valuesPaths == ["repo/base.yaml", "/abs/prod.yaml"])
        #expect(clusters[0].factsPath == "repo/prod/facts.yaml")
        #expect(clusters[1].valuesPaths == ["repo/dev.yaml"])
        #expect(clusters[1].factsPath == nil)
        #expect(clusters[1].declaredAt == SourceLocation(file: "fleet.yaml", line: 5, column: 5))
        #expect(read("clusters:\n  - name: a\n    values: v.yaml\n", folder: "").clusters[0].valuesPaths == ["v.yaml"])
    }

    @Test(
        "each mistake is named where it is",
        arguments: [
            ("", "fleet.yaml:1:1: the fleet index lists no clusters"),
            (
                "- a\n",
                "fleet.yaml:1:1: the fleet index must be a mapping with `clusters:`, but this document is a list"
            ),
            ("cluster: []\n", "fleet.yaml:1:1: unknown key `cluster` in the fleet index"),
            (
                "clusters: x\n",
                "fleet.yaml:1:11: `clusters` must be a non-empty list of clusters, but it is the single value `x`"
            ),
            (
                "clusters:\n  - a\n",
                "fleet.yaml:2:5: a cluster entry must be a mapping, but this is the single value `a`"
            ),
            ("clusters:\n  - values: [a]\n", "fleet.yaml:2:5: this cluster entry has no `name`"),
            (
                "clusters:\n  - name: a/b\n    values: [a]\n",
                "fleet.yaml:2:11: `a/b` cannot be a cluster name: only letters, digits, `.`, `_` and `-` are allowed"
            ),
            (
                "clusters:\n  - name: .git\n    values: [a]\n",
                "fleet.yaml:2:11: `.git` cannot be a cluster name: it starts with `.`"
            ),
            ("clusters:\n  - name: a\n", "fleet.yaml:2:5: the cluster `a` names no values files"),
            (
                "clusters:\n  - name: a\n    values: [a, {x: 1}]\n",
                "fleet.yaml:3:17: `values` must be a path or a name, but it is a mapping"
            ),
            (
                "clusters:\n  - name: a\n    values: [v]\n    facts: ~\n",
                "fleet.yaml:4:12: `facts` must be a path or a name, but it is empty"
            ),
            (
                "clusters:\n  - name: a\n    values: [v]\n  - name: a\n    values: [w]\n",
                "fleet.yaml:4:11: the cluster `a` is listed twice (first at line 2)"
            ),
            (
                "clusters:\n  - name: a\n    name: b\n    values: [v]\n",
                "fleet.yaml:3:5: `name` is given twice (first at line 2)"
            ),
            ("clusters:\n  - name: a\n    value: [v]\n", "fleet.yaml:3:5: unknown key `value` in a cluster entry"),
            ("clusters: [\n", "fleet.yaml:2:1: while parsing a flow node: did not find expected node content"),
        ])
    func mistakes(text: String, message: String) {
        let (clusters, messages) = read(text)
        #expect(clusters.isEmpty)
        #expect(messages.contains(message), "\(messages)")
    }
}

@Suite("Fleet folder layout: which files are the values, in which order, and the facts")
struct FleetFolderLayoutTests {
    @Test("values layered by name without the extension; facts, hidden and other files set apart")
    func selection() throws {
        let selection = try FleetFolderLayout.select(fileNames: [
            "values-prod.yaml", "facts.yaml", "values.yaml", "README.md", ".values.yaml.swp.yaml", "20-b.yml",
            "10-a.yaml", "kustomization.json",
        ]).get()
        #expect(selection.values == ["10-a.yaml", "20-b.yml", "values.yaml", "values-prod.yaml"])
        #expect(selection.facts == "facts.yaml")
        #expect(try FleetFolderLayout.select(fileNames: ["a.yml", "a.yaml"]).get().values == ["a.yaml", "a.yml"])
    }

    @Test("no values file, or two facts files, is a problem with a fix")
    func problems() {
        guard case .failure(let none) = FleetFolderLayout.select(fileNames: ["facts.yaml", "notes.txt"]) else {
            Issue.record("expected a problem")
            return
        }
        #expect(none.message == "the folder holds no values file (*.yaml or *.yml besides the facts file)")
        guard case .failure(let two) = FleetFolderLayout.select(fileNames: ["facts.yaml", "facts.json", "v.yaml"])
        else {
            Issue.record("expected a problem")
            return
        }
        #expect(two.message == "the folder holds 2 facts files (facts.json, facts.yaml)")
    }

    @Test("cluster names are single safe folder names")
    func names() {
        #expect(FleetCluster.nameProblem("prod-eu_1.x") == nil)
        #expect(FleetCluster.nameProblem("") == "it is empty")
        #expect(FleetCluster.nameProblem("..") == "it starts with `.`")
        #expect(FleetCluster.nameProblem("a b") != nil)
        #expect(FleetCluster.nameProblem("é") != nil)
        #expect(FleetCluster.nameProblem(String(repeating: "a", count: 254)) == "it is longer than 253 bytes")
    }
}

@Suite("Fleet summary: every format from the same rows, awkward text kept in its cell")
struct FleetSummaryFormatterTests {
    static let rows = [
        FleetRow(
            cluster: "prod-eu", status: .changeNeeded, strategy: .certManager, findings: [.warning: 2, .info: 1],
            filesWritten: 5, detail: ""),
        FleetRow(
            cluster: "odd", status: .failed, strategy: nil, findings: [.error: 1],
            filesWritten: 0, detail: "v.yaml:1:2: a \"quoted\", piped | text\nwith a line break\tand a tab"),
    ]

    func render(_ format: FleetSummaryFormatter.Format, rows: [FleetRow] = rows) -> String {
        let formatter = FleetSummaryFormatter(format: format, clusterNames: rows.map(\.cluster))
        var totals = FleetTotals()
        var text = formatter.header()
        for (index, row) in rows.enumerated() {
            totals.add(row)
            text += formatter.row(row, index: index)
        }
        return text + formatter.footer(totals)
    }

    @Test("JSON parses back to the same rows and totals")
    func json() throws {
        for rows in [Self.rows, []] {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(render(.json, rows: rows).utf8)) as? [String: Any])
            let clusters = try #require(object["clusters"] as? [[String: Any]])
            #expect(clusters.map { $0["cluster"] as? String } == rows.map(\.cluster))
            #expect(clusters.map { $0["detail"] as? String } == rows.map(\.detail))
            let totals = try #require(object["totals"] as? [String: Any])
            #expect(totals["clusters"] as? Int == rows.count)
        }
    }

    @Test("JSON rows: exact bytes, findings in key order, quotes, backslashes and control characters escaped")
    func jsonRowBytes() {
        let formatter = FleetSummaryFormatter(format: .json, clusterNames: ["c"])
        let clean = FleetRow(
            cluster: "prod-eu", status: .changeNeeded, strategy: .certManager,
            findings: [.warning: 2, .info: 1, .security: 3], filesWritten: 5, detail: "é plain")
        #expect(
            formatter.row(clean, index: 0)
                == "\n    { \"cluster\" : \"prod-eu\", \"detail\" : \"é plain\", \"filesWritten\" : 5, "
                + "\"findings\" : { \"error\" : 0, \"info\" : 1, \"security\" : 3, \"warning\" : 2 }, "
                + "\"status\" : \"change-needed\", \"strategy\" : \"cert-manager\" }")
        let awkward = FleetRow(
            cluster: "a\"b\\c", status: .failed, strategy: nil, findings: [.error: 1], filesWritten: 0,
            detail: "q\"\\ \n\r\t\u{08}\u{0C}\u{1F}\u{7F}é")
        #expect(
            formatter.row(awkward, index: 1)
                == ",\n    { \"cluster\" : \"a\\\"b\\\\c\", "
                + "\"detail\" : \"q\\\"\\\\ \\n\\r\\t\\u0008\\u000c\\u001f\u{7F}é\", \"filesWritten\" : 0, "
                + "\"findings\" : { \"error\" : 1, \"info\" : 0, \"security\" : 0, \"warning\" : 0 }, "
                + "\"status\" : \"failed\", \"strategy\" : null }")
    }

    @Test("CSV quotes what needs quoting (RFC 4180) and has no totals rows")
    func csv() {
        #expect(
            render(.csv) == """
                cluster,status,strategy,errors,security,warnings,info,files_written,detail
                prod-eu,change-needed,cert-manager,0,0,2,1,5,
                odd,failed,,1,0,0,0,0,"v.yaml:1:2: a ""quoted"", piped | text
                with a line break\tand a tab"

                """)
    }

    @Test("Markdown escapes pipes and line breaks inside a cell, and totals by strategy follow")
    func markdown() {
        let text = render(.markdown)
        #expect(
            text.contains(
                "| odd | failed | - | 1 | 0 | 0 | 0 | 0 | v.yaml:1:2: a \"quoted\", piped \\| text with a line break\tand a tab |\n"
            ))
        #expect(text.hasSuffix("| cert-manager | 1 |\n| no strategy | 1 |\n"))
        #expect(text.contains("**2 clusters**: 0 nothing to change, 1 change needed, 1 failed; 5 files written."))
    }

    @Test("text rows pad by characters: accented, combined, CR LF and over-long names, wide counts")
    func textPadding() {
        let names = ["é-prod", "e\u{301}-prod", "a\r\nb", "a-cluster-name-longer-than-the-column-is", "plain", "日本"]
        let rows = names.enumerated().map { index, name in
            FleetRow(
                cluster: name, status: FleetRow.Status.allCases[index % 3], strategy: Strategy.allCases.randomElement(),
                findings: [.warning: index * 1_000_003, .error: index], filesWritten: index * 77_777,
                detail: index == 2 ? "x.yaml:1:1: é" : "")
        }
        let formatter = FleetSummaryFormatter(format: .text, clusterNames: names)
        for (index, row) in rows.enumerated() {
            // The row as it was written before it was appended piece by piece.
            func pad(_ text: String, _ width: Int) -> String {
                text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
            }
            func padLeft(_ number: Int, _ width: Int) -> String {
                let text = String(number)
                return text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
            }
            var expected =
                pad(row.cluster, formatter.nameWidth) + "  " + pad(row.status.rawValue, 17) + "  "
                + pad(row.strategy?.rawValue ?? "-", 16) + "  " + padLeft(row.count(.error), 6) + "  "
                + padLeft(row.count(.security), 8) + "  " + padLeft(row.count(.warning), 8) + "  "
                + padLeft(row.count(.info), 4) + "  " + padLeft(row.filesWritten, 5) + "\n"
            if !row.detail.isEmpty { expected += "  " + row.detail + "\n" }
            #expect(formatter.row(row, index: index) == expected)
        }
    }

    @Test("text rows: counts from 0 past the padded table's end, in every column, pad like any number")
    func textCounts() {
        let formatter = FleetSummaryFormatter(format: .text, clusterNames: ["c"])
        func padLeft(_ number: Int, _ width: Int) -> String {
            let text = String(number)
            return text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
        }
        for count in [0, 1, 7, 9, 10, 15, 16, 17, 99, 100, 12_345] {
            let row = FleetRow(
                cluster: "c", status: .nothingToChange, strategy: Strategy.none,
                findings: [.error: count, .security: count + 1, .warning: count + 2, .info: count + 3],
                filesWritten: count + 4, detail: "")
            let expected =
                "CLUSTER  nothing-to-change  none            " + "  " + padLeft(count, 6) + "  "
                + padLeft(count + 1, 8) + "  " + padLeft(count + 2, 8) + "  " + padLeft(count + 3, 4) + "  "
                + padLeft(count + 4, 5) + "\n"
            #expect(formatter.row(row, index: 0) == expected.replacingOccurrences(of: "CLUSTER", with: "c      "))
        }
    }

    @Test("text: aligned columns, the failure's detail under its row, totals at the end")
    func text() {
        #expect(
            render(.text, rows: [Self.rows[0]]) == """
                CLUSTER  STATUS             STRATEGY          ERRORS  SECURITY  WARNINGS  INFO  FILES
                prod-eu  change-needed      cert-manager           0         0         2     1      5

                1 cluster: 0 nothing to change, 1 change needed, 0 failed; 5 files written
                by strategy: cert-manager 1

                """)
    }
}
