/// Generated files that lately passed ``GenerationValidator/checkParses(_:parsed:passed:)`` (they parse again, and
/// their manifests pass the manifest checker), kept by exactly their name and bytes for the clusters that follow.
///
/// A fleet's clusters often get the same GitOps patch or manifest byte for byte, and the check's answer depends on
/// nothing but the file's name and bytes: a file equal to one that passed passes, without parsing it again. Only
/// passes are kept (a file that fails is checked each time, and its error names it), and only the last
/// ``capacity`` of them, so memory stays the same however many clusters run. Shared by the copies of one
/// ``MigrationGenerator``, and so by `fleet`'s workers.
final class PassedOutputChecks: Sendable {
    /// How many passed files are kept.
    static let capacity = 64

    /// The files kept, and the slot the next one takes once all are used.
    private let recent = Locked<(files: [GeneratedFile], next: Int)>(([], 0))

    /// True when a file with exactly this name and these bytes passed lately.
    func contains(_ file: GeneratedFile) -> Bool {
        recent.withLock { recent in
            recent.files.contains {
                $0.bytes.count == file.bytes.count && $0.name == file.name && $0.bytes == file.bytes
            }
        }
    }

    /// Keeps a file that passed, in place of the oldest kept one when all slots are used.
    func insert(_ file: GeneratedFile) {
        recent.withLock { recent in
            if recent.files.count < Self.capacity {
                recent.files.append(file)
            } else {
                recent.files[recent.next] = file
                recent.next = (recent.next + 1) % Self.capacity
            }
        }
    }
}
