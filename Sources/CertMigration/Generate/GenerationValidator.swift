import YAMLKit

/// The checks a generation passes before anything is written.
enum GenerationValidator {
    /// The patched values, read with Helm's merge and typing rules, equal the original plus exactly the planned
    /// changes; the overlay over the original gives the same values.
    ///
    /// `parsed` may hold, by file name, a parse of a patched file's bytes already made (the editor parses its result
    /// to check it); it is used only when its bytes are exactly the patched bytes, else the bytes are parsed again.
    /// `parsedValuesTexts` may hold, by file name, a parse of the text of a patched file's `helm.values` string (the
    /// editor's check of it), used only for exactly the string's bytes (see ``EmbeddedValuesString``).
    /// Returns the overlay's parse, for ``checkParses(_:parsed:)``.
    @discardableResult
    static func check(
        original: ValuesLayers, patched: [PatchedValuesFile], parsed: [String: YAMLStream] = [:],
        parsedValuesTexts: [String: ParsedValuesText] = [:], overlay: [UInt8], planned: [PlannedValue]
    ) throws(Diagnostic) -> YAMLStream {
        if let plannedKeys = topLevelKeys(of: planned), original.layers.allSatisfy(\.document.readsInPlace) {
            return try checkUnderTouchedKeys(
                original: original, patched: patched, parsed: parsed, parsedValuesTexts: parsedValuesTexts,
                overlay: overlay, planned: planned, plannedKeys: plannedKeys)
        }
        let originalValues = original.merged
        var expected = originalValues
        for value in planned { expected.set(value.value, at: value.keys[...]) }

        if !patchedValuesMatch(
            original: original, patched: patched, parsed: parsed, parsedValuesTexts: parsedValuesTexts,
            planned: planned, originalMerged: originalValues, expected: expected)
        {
            try checkPatchedInFull(
                original: original, patched: patched, parsed: parsed, parsedValuesTexts: parsedValuesTexts,
                expected: expected)
        }

        let overlayLayer = try readOverlay(overlay)
        try checkOverlay(overlayLayer, over: originalValues, expected: expected)
        return overlayLayer.stream
    }

    /// ``check(original:patched:parsed:parsedValuesTexts:overlay:planned:)`` for original files whose values are read
    /// in place (``HelmValuesDocument/readsInPlace``), reading only their values under the top-level keys that the
    /// planned changes (`plannedKeys`) and the overlay touch.
    ///
    /// Helm merges files key by key from the top (``ValuesLayers/merge(into:_:)``) and a planned change sets a value
    /// under its first key, so under every other top-level key the original, expected, patched and overlaid values
    /// are the same by construction: the patched files' carried-over pairs are the original's nodes
    /// (``ValuesSource/plainlyReadsEdit(_:limits:valuesTextParse:of:changedValues:changedKeys:)``), and the overlay
    /// sets nothing there. Comparing the touched keys alone gives the whole comparison's answer; when the short way
    /// cannot tell, the long way reads the whole values and names the difference, as the general check does.
    private static func checkUnderTouchedKeys(
        original: ValuesLayers, patched: [PatchedValuesFile], parsed: [String: YAMLStream],
        parsedValuesTexts: [String: ParsedValuesText], overlay: [UInt8], planned: [PlannedValue],
        plannedKeys: Set<String>
    ) throws(Diagnostic) -> YAMLStream {
        // Read first for its keys, its error thrown after the patch's, as in the general check.
        let overlayRead = Result { () throws(Diagnostic) in try readOverlay(overlay) }
        let overlayKeys = (try? overlayRead.get())?.document.values.entries?.keys
        let touched = overlayKeys.map { plannedKeys.union($0) } ?? plannedKeys
        let originalValues = HelmValue.mapping(original.merged(under: touched))
        var expected = originalValues
        for value in planned { expected.set(value.value, at: value.keys[...]) }

        if !patchedValuesMatchUnder(
            plannedKeys, original: original, patched: patched, parsed: parsed, parsedValuesTexts: parsedValuesTexts,
            planned: planned, expected: expected)
        {
            // The long way: the whole values, and the whole expected.
            var wholeExpected = original.merged
            for value in planned { wholeExpected.set(value.value, at: value.keys[...]) }
            try checkPatchedInFull(
                original: original, patched: patched, parsed: parsed, parsedValuesTexts: parsedValuesTexts,
                expected: wholeExpected)
        }

        // A values file's values are always a mapping, so the overlay's keys are among the touched ones.
        let overlayLayer = try overlayRead.get()
        try checkOverlay(overlayLayer, over: originalValues, expected: expected)
        return overlayLayer.stream
    }

    /// The top-level keys the planned changes fall under; nil when one replaces the whole values.
    static func topLevelKeys(of planned: [PlannedValue]) -> Set<String>? {
        var keys = Set<String>()
        for value in planned {
            guard let key = value.keys.first else { return nil }
            keys.insert(key)
        }
        return keys
    }

    /// The generated overlay read as a values file.
    private static func readOverlay(_ overlay: [UInt8]) throws(Diagnostic) -> ValuesLayer {
        do {
            return try ValuesLayer(bytes: overlay, fileName: "values-overlay.yaml")
        } catch {
            throw Diagnostic(error, id: "generate.overlay-invalid")
        }
    }

    /// The overlay merged over the original files' merge `before` gives `expected`.
    private static func checkOverlay(_ overlay: ValuesLayer, over before: HelmValue, expected: HelmValue)
        throws(Diagnostic)
    {
        // The overlay is one more `-f` file after the original ones: merged over their merge (Helm's merge folds the
        // files from the first), not over each of them again.
        var afterOverlay = before
        ValuesLayers.merge(into: &afterOverlay, overlay.document.values)
        if let difference = firstDifference(expected, afterOverlay, path: []) {
            throw Diagnostic(
                id: "generate.overlay-mismatch", severity: .error,
                message: "the values with the overlay differ from the original plus the planned changes at "
                    + "`\(difference)`",
                fix: "this is a defect of keda-cert-migrate; nothing was written. Please report it with the inputs")
        }
    }

    /// ``patchedValuesMatch(original:patched:parsed:parsedValuesTexts:planned:originalMerged:expected:)`` for original
    /// files read in place, told the expected values only under the touched top-level keys (`expected`, which
    /// holds at least `plannedKeys`): each patched file is compared under the keys its changes fall under, and the
    /// files' merge under the planned keys with `expected` there.
    static func patchedValuesMatchUnder(
        _ plannedKeys: Set<String>, original: ValuesLayers, patched: [PatchedValuesFile],
        parsed: [String: YAMLStream], parsedValuesTexts: [String: ParsedValuesText], planned: [PlannedValue],
        expected: HelmValue
    ) -> Bool {
        guard let last = original.layers.last?.fileName, let expectedEntries = expected.entries else { return false }
        // A parse of exactly a patched file's bytes, compared where it lies: only its pairs under `keys`.
        func reads(
            _ file: PatchedValuesFile, editing layer: ValuesLayer, as values: [String: HelmValue],
            under keys: Set<String>
        ) -> Bool {
            guard let stream = parsed[file.fileName], stream.source.bytes == file.patched else { return false }
            return ValuesSource.plainlyReadsEdit(
                stream, limits: .default, valuesTextParse: parsedValuesTexts[file.fileName], of: layer,
                changedValues: values, changedKeys: keys)
        }
        // One file: every change is routed to it, so its values under the planned keys are `expected`'s.
        if original.layers.count == 1, let file = patched.first(where: { $0.fileName == last }) {
            return reads(
                file, editing: original.layers[0], as: expectedEntries.filter { plannedKeys.contains($0.key) },
                under: plannedKeys)
        }
        // As the patch routes a change: to the file its location names when that is one of the layers, else the last.
        func target(_ value: PlannedValue) -> String {
            guard let file = value.change.location?.file, original.layers.contains(where: { $0.fileName == file })
            else { return last }
            return file
        }
        // Each file's values under the planned keys: the patched file's as it must read, else the original's.
        var layerValues: [[String: HelmValue]] = []
        layerValues.reserveCapacity(original.layers.count)
        for layer in original.layers {
            var values = HelmValue.mapping(ValuesLayers([layer]).merged(under: plannedKeys))
            guard let file = patched.first(where: { $0.fileName == layer.fileName }) else {
                layerValues.append(values.entries!)
                continue
            }
            var keys = Set<String>()
            for value in planned where target(value) == layer.fileName {
                keys.insert(value.keys[0])
                values.set(value.value, at: value.keys[...])
            }
            let entries = values.entries!
            guard reads(file, editing: layer, as: entries.filter { keys.contains($0.key) }, under: keys) else {
                return false
            }
            layerValues.append(entries)
        }
        // The files merged under the planned keys, as Helm merges them, must give `expected` there.
        return plannedKeys.allSatisfy { key in
            ValuesLayers.mergedEntry(layerValues.lazy.map { $0[key] }) == expectedEntries[key]
        }
    }

    /// The patched files read and merged in full, as Helm reads them, compared with `expected`: the long way, which
    /// names the first difference.
    static func checkPatchedInFull(
        original: ValuesLayers, patched: [PatchedValuesFile], parsed: [String: YAMLStream],
        parsedValuesTexts: [String: ParsedValuesText], expected: HelmValue
    ) throws(Diagnostic) {
        var patchedLayers: [ValuesLayer] = []
        for layer in original.layers {
            guard let file = patched.first(where: { $0.fileName == layer.fileName }) else {
                patchedLayers.append(layer)
                continue
            }
            let source =
                if let stream = parsed[file.fileName], stream.source.bytes == file.patched {
                    // Only the values are compared: a `helm.values` string's need not be located in the file.
                    try ValuesSource(
                        stream: stream, limits: .default, valuesTextParse: parsedValuesTexts[file.fileName],
                        valueSpansInFile: false)
                } else {
                    try ValuesSource(bytes: file.patched, fileName: file.fileName)
                }
            patchedLayers.append(ValuesLayer(source: source))
        }
        let afterPatch = ValuesLayers(patchedLayers).merged
        if let difference = firstDifference(expected, afterPatch, path: []) {
            throw Diagnostic(
                id: "generate.patch-mismatch", severity: .error,
                message: "the patched values differ from the original plus the planned changes at `\(difference)`",
                fix: "this is a defect of keda-cert-migrate; nothing was written. Please report it with the inputs")
        }
    }

    /// The usual patch checked without building the patched files' values: true when each patched file's values,
    /// compared where they lie in the parse of its patched bytes (``ValuesSource/plainlyReads(_:limits:
    /// valuesTextParse:as:)``), are its original values with the planned changes the patch routes to it, and the
    /// files merged with those values (Helm's merge) give `expected`. That merge is `originalMerged` (the original
    /// files' merge) with the top-level keys the changes fall under merged again across the files (see
    /// ``ValuesLayers/merged(_:remerging:of:)``); one file's values are compared with `expected` itself. False when
    /// anything differs or needs the long way (no parse of exactly the patched bytes, merge keys, duplicate keys, a
    /// change routed elsewhere): the caller then reads and merges the patched files in full, and reports the first
    /// difference if there is one.
    static func patchedValuesMatch(
        original: ValuesLayers, patched: [PatchedValuesFile], parsed: [String: YAMLStream],
        parsedValuesTexts: [String: ParsedValuesText], planned: [PlannedValue], originalMerged: HelmValue,
        expected: HelmValue
    ) -> Bool {
        // A file's values are a mapping (a changed one then differs from its original only under the keys changed).
        guard let last = original.layers.last?.fileName,
            original.layers.allSatisfy({ $0.document.values.entries != nil })
        else { return false }
        // A parse of exactly a patched file's bytes, compared where it lies with the values the file must hold; the
        // pairs the patch carried over from the layer, outside the top-level keys it changes, are compared as nodes.
        func reads(_ file: PatchedValuesFile, as values: HelmValue, editing layer: ValuesLayer, under keys: Set<String>)
            -> Bool
        {
            guard let stream = parsed[file.fileName], stream.source.bytes == file.patched else { return false }
            return ValuesSource.plainlyReads(
                stream, limits: .default, valuesTextParse: parsedValuesTexts[file.fileName], as: values,
                editOf: (layer, keys))
        }
        // One file: its values are the merge and every change is routed to it, so its patched values must be
        // `expected` itself (without building them again, nor merging them).
        if original.layers.count == 1, let file = patched.first(where: { $0.fileName == last }) {
            var keys = Set<String>()
            for value in planned {
                guard let key = value.keys.first else { return false }  // the whole values replaced
                keys.insert(key)
            }
            return reads(file, as: expected, editing: original.layers[0], under: keys)
        }
        // As the patch routes a change: to the file its location names when that is one of the layers, else the last.
        func target(_ value: PlannedValue) -> String {
            guard let file = value.change.location?.file, original.layers.contains(where: { $0.fileName == file })
            else { return last }
            return file
        }
        var layerValues: [HelmValue] = []
        layerValues.reserveCapacity(original.layers.count)
        // The top-level keys under which a file's values change: only those are merged across the files again.
        var changedKeys: [String] = []
        for layer in original.layers {
            guard let file = patched.first(where: { $0.fileName == layer.fileName }) else {
                layerValues.append(layer.document.values)
                continue
            }
            var values = layer.document.values
            var keys = Set<String>()
            for value in planned where target(value) == layer.fileName {
                guard let key = value.keys.first else { return false }  // the whole values replaced
                values.set(value.value, at: value.keys[...])
                changedKeys.append(key)
                keys.insert(key)
            }
            guard reads(file, as: values, editing: layer, under: keys) else { return false }
            layerValues.append(values)
        }
        guard let merged = ValuesLayers.merged(originalMerged, remerging: changedKeys, of: layerValues) else {
            return false
        }
        return merged == expected
    }

    /// Every YAML file parses again; manifests pass the manifest checker.
    ///
    /// `parsed` may be a parse of the file's bytes already made (the overlay's, by ``check(original:patched:parsed:
    /// overlay:planned:)``, under the same name); it is used only when its name and bytes are exactly the file's.
    /// Otherwise, a file with exactly the name and bytes of one that `passed` holds passes without a new parse (the
    /// answer depends on nothing else), and a file that passes is kept there.
    static func checkParses(_ file: GeneratedFile, parsed: YAMLStream? = nil, passed: PassedOutputChecks? = nil)
        throws(Diagnostic)
    {
        if let parsed, parsed.fileName == file.name, parsed.source.bytes == file.bytes {
            try checkManifests(in: parsed, of: file)
            return
        }
        if let passed, passed.contains(file) { return }
        let stream: YAMLStream
        do {
            stream = try YAMLParser().parse(bytes: file.bytes, fileName: file.name)
        } catch {
            throw Diagnostic(error, id: "generate.output-invalid")
        }
        try checkManifests(in: stream, of: file)
        passed?.insert(file)
    }

    /// The manifest checker's first error in a generated file's manifests (its documents with a `kind`), thrown.
    private static func checkManifests(in stream: YAMLStream, of file: GeneratedFile) throws(Diagnostic) {
        for document in stream.documents where document.root["kind"] != nil {
            let problems = ManifestChecker().check(document, fileName: file.name, source: stream.source)
            if let problem = problems.first(where: { $0.severity == .error }) { throw problem }
        }
    }

    /// The first path at which two values differ, dotted; nil when equal.
    static func firstDifference(_ left: HelmValue, _ right: HelmValue, path: [String]) -> String? {
        if left == right { return nil }  // the usual case, without sorting every mapping's keys
        if let l = left.entries, let r = right.entries {
            for key in Set(l.keys).union(r.keys).sorted() {
                guard let a = l[key], let b = r[key] else { return (path + [key]).joined(separator: ".") }
                if let difference = firstDifference(a, b, path: path + [key]) { return difference }
            }
            return nil
        }
        return left == right ? nil : (path.isEmpty ? "(root)" : path.joined(separator: "."))
    }
}
